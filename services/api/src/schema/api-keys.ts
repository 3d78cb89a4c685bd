import { z } from 'zod';
import { apiKeyScopes } from '@cc/core/roles';
import { insertApiKey } from '@cc/db/repositories/api-keys';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import type { ApiKey as ApiKeyRow } from '@cc/db/tables/api-keys';
import { builder } from '../builder';
import { generateApiKeyToken } from '../auth/api-keys';
import { inputErrors } from './errors';

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
  }),
});

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
