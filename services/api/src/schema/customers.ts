import { z } from 'zod';
import { identityKinds, type IdentityKind } from '@cc/core/identity';
import { InvalidIdentityError, InvalidPhoneNumberError } from '@cc/core/errors';
import { listIdentities, resolveCustomerByIdentity } from '@cc/db/repositories/customers';
import type { Customer as CustomerRow } from '@cc/db/tables/customers';
import type { CustomerIdentity as IdentityRow } from '@cc/db/tables/customer-identities';
import { builder } from '../builder';
import { inputErrors } from './errors';

const IdentityKindEnum = builder.enumType('IdentityKind', {
  values: Object.fromEntries(identityKinds.map((k) => [k.toUpperCase(), { value: k }])) as Record<
    Uppercase<IdentityKind>,
    { value: IdentityKind }
  >,
});

const CustomerIdentity = builder.objectRef<IdentityRow>('CustomerIdentity').implement({
  fields: (t) => ({
    kind: t.expose('kind', { type: IdentityKindEnum }),
    value: t.exposeString('value', { description: 'Normalized: E.164 for phone and WhatsApp, lower-case email.' }),
    label: t.exposeString('label', { nullable: true }),
    verified: t.exposeBoolean('verified', {
      description: 'False for an email address known only from mail that failed sender authentication (possibly forged); such an identity is never joined to a customer known on other channels.',
      authScopes: { user: true, apiScope: 'customers:read' },
    }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
  }),
});

export const Customer = builder.loadableNode('Customer', {
  id: { resolve: (c: CustomerRow) => c.id },
  load: async (ids: string[], ctx) => {
    const rows = await ctx.db.selectFrom('customers').selectAll().where('id', 'in', ids).execute();
    return ids.map((id) => rows.find((r) => r.id === id) ?? new Error(`Customer ${id} not found`));
  },
  // Agents only through their own interactions (authorization/policy.ts).
  authScopes: (c) => ({ customer: c.id }),
  fields: (t) => ({
    displayName: t.exposeString('display_name', { nullable: true }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    identities: t.loadableGroup({
      type: CustomerIdentity,
      load: (customerIds: string[], ctx) => listIdentities(ctx.db, customerIds),
      group: (identity) => identity.customer_id,
      resolve: (c) => c.id,
    }),
  }),
});

const IdentifyCustomerInput = builder.inputType('IdentifyCustomerInput', {
  fields: (t) => ({
    kind: t.field({ type: IdentityKindEnum, required: true }),
    value: t.string({ required: true, validate: z.string().trim().min(1, 'Give the phone number, email or visitor id.').max(320) }),
    label: t.string({ required: false, validate: z.string().max(200).optional().nullable() }),
  }),
});

const IdentifyCustomerPayload = builder.simpleObject('IdentifyCustomerPayload', {
  fields: (t) => ({
    customer: t.field({ type: Customer }),
    created: t.boolean({ description: 'True when no customer had this identity before.' }),
  }),
});

builder.mutationField('identifyCustomer', (t) =>
  t.field({
    type: IdentifyCustomerPayload,
    description:
      'Finds the customer behind a phone number, WhatsApp number, email or visitor id, creating one if new. Supervisors and keys with customers:write: an agent reaches customers through their interactions, not by looking them up.',
    authScopes: { supervisor: true, apiScope: 'customers:write' },
    errors: {
      types: [InvalidPhoneNumberError, InvalidIdentityError, ...inputErrors],
      directResult: true,
      union: { name: 'IdentifyCustomerResult' },
    },
    args: { input: t.arg({ type: IdentifyCustomerInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { customer, created } = await resolveCustomerByIdentity(ctx.db, input.kind, input.value, {
        label: input.label ?? null,
        region: ctx.env.DEFAULT_PHONE_REGION as never,
      });
      return { customer, created };
    },
  }),
);
