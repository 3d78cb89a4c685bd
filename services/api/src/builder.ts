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
import { customerAccess, mayReadInteraction, type CustomerAccess } from './authorization/policy';
import type { Context } from './context';

/** The largest page any connection returns (`first` / `last`). */
export const maxPageSize = 200;
const pageSize = z.number().int().min(0).max(maxPageSize, `Ask for at most ${maxPageSize} items per page.`).nullish();

/** The builder: plugins, auth scopes and scalars only. Types live in schema/<domain>.ts. */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { user: boolean; supervisor: boolean; admin: boolean; apiScope: ApiKeyScope; interaction: Interaction; customer: string };
  Scalars: { DateTime: { Input: Date; Output: Date }; JSON: { Input: unknown; Output: unknown } };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, DataloaderPlugin, SimpleObjectsPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    // Built once per request, so the customer-access cache below lives as long as the request.
    authScopes: ({ principal, db }) => {
      const access = new Map<string, Promise<CustomerAccess>>();
      const accessTo = (customerId: string) => {
        if (!access.has(customerId)) access.set(customerId, customerAccess(db, principal, customerId));
        return access.get(customerId)!;
      };
      return {
        user: principal.kind === 'user',
        supervisor: principal.kind === 'user' && (principal.role === 'supervisor' || principal.role === 'admin'),
        admin: principal.kind === 'user' && principal.role === 'admin',
        apiScope: (scope) => principal.kind === 'apiKey' && scopeAllows(principal.scopes, scope),
        // The rules live in authorization/policy.ts: supervisors and keys with interactions:read see
        // all; agents the interactions they hold, were offered or transferred.
        interaction: (interaction) => mayReadInteraction(db, principal, interaction),
        // A customer (by id): see customerAccess — agents only through their own interactions.
        customer: async (customerId) => (await accessTo(customerId)) !== 'none',
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
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // A larger page is refused with a message rather than quietly cut short.
    firstArgOptions: { description: `At most ${maxPageSize}.`, validate: pageSize },
    lastArgOptions: { description: `At most ${maxPageSize}.`, validate: pageSize },
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
