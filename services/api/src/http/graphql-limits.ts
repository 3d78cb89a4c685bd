import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { ApiEnv } from '../env';

type LimitEnv = Pick<
  ApiEnv,
  'NODE_ENV' | 'GRAPHQL_INTROSPECTION' | 'GRAPHQL_MAX_DEPTH' | 'GRAPHQL_MAX_ALIASES' | 'GRAPHQL_MAX_COST' | 'GRAPHQL_MAX_TOKENS'
>;

export function introspectionEnabled(env: Pick<ApiEnv, 'NODE_ENV' | 'GRAPHQL_INTROSPECTION'>): boolean {
  return env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV === 'development';
}

/**
 * Each `login` runs argon2 (and counts against the sign-in limits): a document may ask for it
 * once, so aliases or fragments cannot pack many password guesses into one request.
 */
export const SingleLoginRule: ValidationRule = (context) => {
  let logins = 0;
  return {
    Field(node) {
      if (node.name.value !== 'login' || context.getParentType() !== context.getSchema().getMutationType()) return;
      if (++logins === 2) context.reportError(new GraphQLError('Sign in once per request: `login` may appear only once in a document.', { nodes: node }));
    },
  };
};

/**
 * Armor's rules throw by default, which yoga answers with 200; reported instead, a refusal is an
 * ordinary validation error (400, GRAPHQL_VALIDATION_FAILED) without the misleading "Syntax Error: ".
 */
const asValidationError = {
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(new GraphQLError(err.message.replace(/^Syntax Error: /, '')))],
};

/**
 * Envelop plugins bounding what one GraphQL document may ask for, before anything executes. They
 * hook parse and validate, so they apply to HTTP, SSE and WebSocket alike (websocket.ts parses and
 * validates through yoga.getEnveloped).
 */
export function graphqlLimitPlugins(env: LimitEnv): Plugin[] {
  const introspection = introspectionEnabled(env);
  const staticRules: ValidationRule[] = [SingleLoginRule, ...(introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  return [
    // Counted while parsing, so it can only throw (yoga answers 400 as for a syntax error).
    maxTokensPlugin({ n: env.GRAPHQL_MAX_TOKENS }),
    maxDepthPlugin({ n: env.GRAPHQL_MAX_DEPTH, ...asValidationError }),
    maxAliasesPlugin({ n: env.GRAPHQL_MAX_ALIASES, ...asValidationError }),
    // The console uses none; @include/@skip a few times is plenty.
    maxDirectivesPlugin({ n: 10, ...asValidationError }),
    costLimitPlugin({ maxCost: env.GRAPHQL_MAX_COST, ...asValidationError }),
    // "Did you mean …" would spell out the schema that introspection hides.
    ...(introspection ? [] : [blockFieldSuggestionsPlugin()]),
    { onValidate: ({ addValidationRule }) => staticRules.forEach(addValidationRule) },
  ] as Plugin[];
}
