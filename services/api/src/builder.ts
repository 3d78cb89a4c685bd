import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ErrorsPlugin from '@pothos/plugin-errors';
import ValidationPlugin from '@pothos/plugin-validation';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import RelayPlugin from '@pothos/plugin-relay';
import { GraphQLError, Kind } from 'graphql';
import { z } from 'zod';
import { scopeAllows, type ApiKeyScope } from '@cc/core/roles';
import type { Interaction } from '@cc/db/tables/interactions';
import { customerAccess, mayReadInteraction } from './authorization/policy';
import type { Context } from './context';

/** The largest page any connection returns (`first` / `last`). */
export const maxPageSize = 200;
const pageSize = z.number().int().min(0).max(maxPageSize, `Ask for at most ${maxPageSize} items per page.`).nullish();

/** The builder: plugins, auth scopes and scalars only. Types live in schema/<domain>.ts. */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { user: boolean; supervisor: boolean; admin: boolean; apiScope: ApiKeyScope; interaction: Interaction; customer: string; cobrowseCustomer: boolean; visitor: boolean };
  Scalars: { DateTime: { Input: Date; Output: Date }; JSON: { Input: unknown; Output: unknown } };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, DataloaderPlugin, SimpleObjectsPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: ({ principal, db }) => {
      return {
        user: principal.kind === 'user',
        supervisor: principal.kind === 'user' && (principal.role === 'supervisor' || principal.role === 'admin'),
        admin: principal.kind === 'user' && principal.role === 'admin',
        // The co-browse widget with its session's token (which session: checked by each field).
        cobrowseCustomer: principal.kind === 'cobrowseCustomer',
        // A web chat visitor with the token from startVisit.
        visitor: principal.kind === 'visitor',
        apiScope: (scope) => principal.kind === 'apiKey' && scopeAllows(principal.scopes, scope),
        // The rules live in authorization/policy.ts: supervisors and keys with interactions:read see
        // all; agents the interactions they hold, were offered or transferred.
        interaction: (interaction) => mayReadInteraction(db, principal, interaction),
        // A customer (by id): see customerAccess — agents only through their own interactions.
        customer: async (customerId) => (await customerAccess(db, principal, customerId)) !== 'none',
      };
    },
    // GraphQLErrors pass yoga's masking, so callers learn why they were refused.
    unauthorizedError: (_parent, { principal }) =>
      principal.kind === 'anonymous'
        ? new GraphQLError('Sign in (or send an API key) to do this.', { extensions: { code: 'UNAUTHENTICATED' } })
        : new GraphQLError('You do not have permission to do this.', { extensions: { code: 'FORBIDDEN' } }),
  },
  errors: {
    // Validation failures come back as the typed ValidationError result; the resolver never runs,
    // so nothing is written. (They are reported before auth checks: they reveal only the schema.)
    unsafelyHandleInputErrors: true,
    defaultUnionOptions: {
      description:
        'What a mutation answers: its payload when it was done, or one typed error (each implements Error, with a message for a person) saying why it was refused — then nothing was changed.',
    },
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // A larger page is refused with a message rather than quietly cut short.
    firstArgOptions: { description: `At most ${maxPageSize}.`, validate: pageSize },
    lastArgOptions: { description: `At most ${maxPageSize}.`, validate: pageSize },
    afterArgOptions: { description: 'Items after this cursor (an endCursor or edge cursor from an earlier page).' },
    beforeArgOptions: { description: 'Items before this cursor (a startCursor or edge cursor from an earlier page).' },
    nodeTypeOptions: { description: 'Anything fetchable by its global id with `node` / `nodes`.' },
    idFieldOptions: { description: 'Global id: opaque, stable; pass it to `node` or to mutations.' },
    nodeQueryOptions: {
      description: 'One object by its global id; null when it does not exist or you may not see it (each type keeps its own access rules).',
      args: { id: { description: 'A global id from any `id` field.' } },
    },
    nodesQueryOptions: {
      description: 'Several objects by global id, in the order asked; null for each you may not see or that does not exist.',
      args: { ids: { description: 'Global ids from `id` fields.' } },
    },
    pageInfoTypeOptions: { description: 'Where a page sits in the whole list, and the cursors to move from it.' },
    hasNextPageFieldOptions: { description: 'True when more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'True when items come before this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item on the page; pass as `before` for the previous page. Null when the page is empty.' },
    endCursorFieldOptions: { description: 'Cursor of the last item on the page; pass as `after` for the next page. Null when the page is empty.' },
    cursorFieldOptions: { description: 'Where this item sits in the list; pass as `after` or `before`.' },
    nodeFieldOptions: { description: 'The item.' },
    edgesFieldOptions: { description: 'The items on this page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Cursors and whether there are more pages.' },
    defaultConnectionTypeOptions: { description: 'One page of a list, in cursor pagination (first/after forward, last/before backward).' },
    defaultEdgeTypeOptions: { description: 'One item of a page and its cursor.' },
  },
});

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO 8601 string with time zone.',
  serialize: (d) => d.toISOString(),
  parseValue: (v) => {
    const d = typeof v === 'string' ? new Date(v) : new Date(NaN);
    if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 string.');
    return d;
  },
  parseLiteral: (ast) => {
    const d = ast.kind === Kind.STRING ? new Date(ast.value) : new Date(NaN);
    if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 string.');
    return d;
  },
});

builder.scalarType('JSON', {
  description: 'Any JSON value (channel context, business hours).',
  serialize: (v) => v,
  parseValue: (v) => v,
});
