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

const scopeDescriptions: Record<(typeof apiKeyScopes)[number], string> = {
  'customers:read': 'Read any customer: profile, identities, timeline (with interactions:read) and consents.',
  'customers:write': 'Everything customers:read may, plus identifyCustomer (find or create a customer by phone, email…).',
  'interactions:read': 'Read any interaction, its messages and events, push figures and live interaction subscriptions.',
  'interactions:write': 'Everything interactions:read may, plus enqueueInteraction and reportCustomerLeft.',
  'queues:read': 'Read queues and their live statistics.',
  'reports:read': 'Read historical reports (figures per interval, queue, channel and agent), their drill-down ids and CSV exports.',
};

export const ApiKeyScopeEnum = builder.enumType('ApiKeyScope', {
  description: 'What an integrator key may do, e.g. CUSTOMERS_READ for `customers:read`.',
  values: Object.fromEntries(apiKeyScopes.map((s) => [s.replace(':', '_').toUpperCase(), { value: s, description: scopeDescriptions[s] }])),
});

const ApiKey = builder.objectRef<ApiKeyRow>('ApiKey').implement({
  description: 'An integrator’s key (administrators only). Its secret token is shown once, by createApiKey; only a hash is stored.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The key’s id (a UUID); pass it to revokeApiKey.' }),
    name: t.exposeString('name', { description: 'The integration using it, as named by the administrator.' }),
    prefix: t.exposeString('prefix', { description: 'Public part of the token, to recognise it in logs.' }),
    scopes: t.field({ type: [ApiKeyScopeEnum], description: 'What it may do; a write scope also reads.', resolve: (k) => k.scopes as (typeof apiKeyScopes)[number][] }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was created.' }),
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
  description: 'The new key and its secret token (send it as `Authorization: Bearer <token>`).',
  fields: (t) => ({
    token: t.string({ description: 'Shown once: only a hash is stored.' }),
    apiKey: t.field({ type: ApiKey, description: 'The key as stored.' }),
  }),
});

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description: 'A new integrator key.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The integration using it, 1–100 characters.', validate: z.string().trim().min(1, 'Name the key after the integration using it.').max(100) }),
    scopes: t.field({
      type: [ApiKeyScopeEnum],
      required: true,
      description: 'At least one scope.',
      validate: z.array(z.string()).min(1, 'Grant at least one scope.'),
    }),
  }),
});

builder.mutationField('createApiKey', (t) =>
  t.field({
    type: CreateApiKeyPayload,
    description: 'Administrators: creates an integrator key with the scopes given; its token is in the answer and never shown again.',
    authScopes: { admin: true },
    errors: { types: inputErrors, directResult: true, union: { name: 'CreateApiKeyResult' } },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true, description: 'Name and scopes of the key.' }) },
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

const RevokeApiKeyPayload = builder.simpleObject('RevokeApiKeyPayload', {
  description: 'The key is revoked.',
  fields: (t) => ({ apiKey: t.field({ type: ApiKey, description: 'The key, with revokedAt set.' }) }),
});

builder.mutationField('revokeApiKey', (t) =>
  t.field({
    type: RevokeApiKeyPayload,
    description: 'Administrators: revoke an integrator key; requests with it are refused from now on. Revoking a revoked key changes nothing.',
    authScopes: { admin: true },
    errors: { types: [NotFoundError, ...inputErrors], directResult: true, union: { name: 'RevokeApiKeyResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('RevokeApiKeyInput', {
          description: 'The key to revoke.',
          fields: (f) => ({ id: f.id({ required: true, description: 'ApiKey.id.', validate: z.uuid('Not an API key id.') }) }),
        }),
        required: true,
        description: 'Which key.',
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
      // Refused by this process at once (other replicas within SESSION_STATE_CACHE_SECONDS).
      ctx.sessions.apiKeys.forget();
      return { apiKey };
    },
  }),
);
