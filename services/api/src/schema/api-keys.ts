import { z } from 'zod';
import { apiKeyScopes } from '@cc/core/roles';
import { getApiKey, insertApiKey, listApiKeys, revokeApiKey } from '@cc/db/repositories/api-keys';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import type { ApiKey as ApiKeyRow } from '@cc/db/tables/api-keys';
import { builder } from '../builder';
import { generateApiKeyToken } from '../auth/api-keys';
import { inputErrors } from './errors';
import { NotFoundError } from '../routing/errors';
import { User } from './users';

export const ApiKeyScopeEnum = builder.enumType('ApiKeyScope', {
  description: 'What an integrator key may do, e.g. CUSTOMERS_READ for `customers:read`.',
  values: Object.fromEntries(apiKeyScopes.map((s) => [s.replace(':', '_').toUpperCase(), { value: s }])),
});

const ApiKey = builder.objectRef<ApiKeyRow>('ApiKey').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'Public part of the token, to recognise it in logs.' }),
    scopes: t.field({ type: [ApiKeyScopeEnum], resolve: (k) => k.scopes as (typeof apiKeyScopes)[number][] }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    createdBy: t.field({ type: User, nullable: true, description: 'The administrator who created it; null if their account was deleted.', resolve: (k) => k.created_by }),
    lastUsedAt: t.expose('last_used_at', { type: 'DateTime', nullable: true, description: 'When it last authenticated a request; null if never.' }),
    revokedAt: t.expose('revoked_at', { type: 'DateTime', nullable: true, description: 'When it was revoked (it no longer authenticates); null while live.' }),
  }),
});

builder.queryField('apiKeys', (t) =>
  t.field({
    type: [ApiKey],
    description: 'Administrators: every integrator key, newest first, revoked ones included. Secrets are never shown again.',
    authScopes: { admin: true },
    resolve: (_r, _a, ctx) => listApiKeys(ctx.db),
  }),
);

const CreateApiKeyPayload = builder.simpleObject('CreateApiKeyPayload', {
  fields: (t) => ({
    token: t.string({ description: 'Shown once: only a hash is stored.' }),
    apiKey: t.field({ type: ApiKey }),
  }),
});

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: z.string().trim().min(1, 'Name the key after the integration using it.').max(100) }),
    scopes: t.field({
      type: [ApiKeyScopeEnum],
      required: true,
      validate: z.array(z.string()).min(1, 'Grant at least one scope.'),
    }),
  }),
});

builder.mutationField('createApiKey', (t) =>
  t.field({
    type: CreateApiKeyPayload,
    authScopes: { admin: true },
    errors: { types: inputErrors, directResult: true, union: { name: 'CreateApiKeyResult' } },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const actorId = ctx.principal.kind === 'user' ? ctx.principal.userId : null;
      const { token, prefix, secretHash } = generateApiKeyToken();
      const apiKey = await ctx.db.transaction().execute(async (trx) => {
        const key = await insertApiKey(trx, { name: input.name.trim(), prefix, secretHash, scopes: [...new Set(input.scopes)], createdBy: actorId });
        await recordAuditEvent(trx, { actorType: 'user', actorId, action: 'api_key.created', subjectType: 'api_key', subjectId: key.id, data: { scopes: key.scopes } });
        return key;
      });
      return { token, apiKey };
    },
  }),
);

const RevokeApiKeyPayload = builder.simpleObject('RevokeApiKeyPayload', { fields: (t) => ({ apiKey: t.field({ type: ApiKey }) }) });

builder.mutationField('revokeApiKey', (t) =>
  t.field({
    type: RevokeApiKeyPayload,
    description: 'Administrators: revoke an integrator key; requests with it are refused from now on. Revoking a revoked key changes nothing.',
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ...inputErrors], directResult: true, union: { name: 'RevokeApiKeyResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('RevokeApiKeyInput', { fields: (f) => ({ id: f.id({ required: true, validate: z.uuid('Not an API key id.') }) }) }),
        required: true,
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const actorId = ctx.principal.kind === 'user' ? ctx.principal.userId : null;
      const id = String(input.id);
      const apiKey = await ctx.db.transaction().execute(async (trx) => {
        const revoked = await revokeApiKey(trx, id, actorId, ctx.clock());
        if (revoked) await recordAuditEvent(trx, { actorType: 'user', actorId, action: 'api_key.revoked', subjectType: 'api_key', subjectId: id, data: { name: revoked.name } });
        return revoked ?? (await getApiKey(trx, id));
      });
      if (!apiKey) throw new NotFoundError('API key');
      return { apiKey };
    },
  }),
);
