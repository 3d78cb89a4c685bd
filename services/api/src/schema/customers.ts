import { z } from 'zod';
import { identityKinds, type IdentityKind } from '@cc/core/identity';
import { InvalidIdentityError, InvalidPhoneNumberError } from '@cc/core/errors';
import { getCustomers, listIdentities, resolveCustomerByIdentity } from '@cc/db/repositories/customers';
import type { Customer as CustomerRow } from '@cc/db/tables/customers';
import type { CustomerIdentity as IdentityRow } from '@cc/db/tables/customer-identities';
import { builder } from '../builder';
import { inputErrors } from './errors';

const identityKindDescriptions: Record<IdentityKind, string> = {
  phone: 'A phone number (calls, SMS), E.164.',
  whatsapp: 'A WhatsApp number (wa_id), E.164.',
  email: 'An email address, lower case.',
  webchat: 'A web chat visitor id (one browser on one chat site).',
};

const IdentityKindEnum = builder.enumType('IdentityKind', {
  description: 'The kind of address a customer reached us from.',
  values: Object.fromEntries(identityKinds.map((k) => [k.toUpperCase(), { value: k, description: identityKindDescriptions[k] }])) as Record<
    Uppercase<IdentityKind>,
    { value: IdentityKind; description: string }
  >,
});

const CustomerIdentity = builder.objectRef<IdentityRow>('CustomerIdentity').implement({
  description: 'One address of a customer: a phone, WhatsApp number, email or chat visitor id. Seen by whoever may see the customer.',
  fields: (t) => ({
    kind: t.expose('kind', { type: IdentityKindEnum, description: 'What kind of address value is.' }),
    value: t.exposeString('value', { description: 'Normalized: E.164 for phone and WhatsApp, lower-case email.' }),
    label: t.exposeString('label', { nullable: true, description: 'A free label (e.g. work, home); null when none was given.' }),
    verified: t.exposeBoolean('verified', {
      description: 'False for an email address known only from mail that failed sender authentication (possibly forged); such an identity is never joined to a customer known on other channels.',
      authScopes: { user: true, apiScope: 'customers:read' },
    }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When we first saw this address.' }),
  }),
});

export const Customer = builder.loadableNode('Customer', {
  id: { resolve: (c: CustomerRow) => c.id },
  load: async (ids: string[], ctx) => {
    const rows = await getCustomers(ctx.db, ids);
    return ids.map((id) => rows.find((r) => r.id === id) ?? new Error(`Customer ${id} not found`));
  },
  // Agents only through their own interactions (authorization/policy.ts).
  authScopes: (c) => ({ customer: c.id }),
  description:
    'A person who contacts the contact center, across every channel. Supervisors and keys with customers:read see any; an agent only while holding or being offered one of their interactions (then only the interactions they took part in).',
  fields: (t) => ({
    displayName: t.exposeString('display_name', { nullable: true, description: 'Name as known (WhatsApp profile, email sender name, given in chat); null when unknown.' }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When the customer was first seen.' }),
    identities: t.loadableGroup({
      type: CustomerIdentity,
      description: 'Every address the customer reached us from.',
      load: (customerIds: string[], ctx) => listIdentities(ctx.db, customerIds),
      group: (identity) => identity.customer_id,
      resolve: (c) => c.id,
    }),
  }),
});

const IdentifyCustomerInput = builder.inputType('IdentifyCustomerInput', {
  description: 'An address to find the customer by.',
  fields: (t) => ({
    kind: t.field({ type: IdentityKindEnum, required: true, description: 'Which kind of address value is.' }),
    value: t.string({ required: true, description: 'Phone numbers in any format the default region reads (stored E.164); emails any case; up to 320 characters.', validate: z.string().trim().min(1, 'Give the phone number, email or visitor id.').max(320) }),
    label: t.string({ required: false, description: 'Optional label for a new identity (e.g. work), up to 200 characters.', validate: z.string().max(200).optional().nullable() }),
  }),
});

const IdentifyCustomerPayload = builder.simpleObject('IdentifyCustomerPayload', {
  description: 'The customer found or created.',
  fields: (t) => ({
    customer: t.field({ type: Customer, description: 'The customer with that identity.' }),
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
    args: { input: t.arg({ type: IdentifyCustomerInput, required: true, description: 'The address to look up.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { customer, created } = await resolveCustomerByIdentity(ctx.db, input.kind, input.value, {
        label: input.label ?? null,
        region: ctx.env.DEFAULT_PHONE_REGION as never,
      });
      return { customer, created };
    },
  }),
);
