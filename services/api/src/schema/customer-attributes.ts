import { z } from 'zod';
import { builder } from '../builder';
import { updateCustomerAttributes } from '../audience/customer-attributes';
import { InvalidAttributeError } from '../audience/errors';
import { NotFoundError } from '../routing/errors';
import { Customer } from './customers';
import { inputErrors } from './errors';

// Customer attributes segments filter on: read with the customer, set by supervisors and integrators.

builder.objectFields(Customer, (t) => ({
  tags: t.field({ type: ['String'], description: 'Free labels (lower case) for segments, e.g. vip.', resolve: (c) => c.tags }),
  language: t.exposeString('language', { nullable: true, description: 'Preferred language, ISO 639-1 (es, en); null when unknown.' }),
  country: t.exposeString('country', { nullable: true, description: 'Country, ISO 3166-1 alpha-2 (ES, GB); null when unknown.' }),
  timeZone: t.exposeString('time_zone', { nullable: true, description: 'IANA time zone (Europe/Madrid): campaign quiet hours are the customer’s own; null when unknown.' }),
  fields: t.field({ type: 'JSON', description: 'Custom fields set by integrators: an object of name → string, number or boolean (template variables map from them).', resolve: (c) => c.fields }),
}));

const SetCustomerAttributesInput = builder.inputType('SetCustomerAttributesInput', {
  description: 'Attributes to change; a field left out keeps its value.',
  fields: (t) => ({
    customerId: t.globalID({ required: true, for: [Customer], description: 'The customer.' }),
    tags: t.stringList({ required: false, description: 'Replaces the tags (up to 50; lower-cased; letters, digits, - _ . :).' }),
    language: t.string({ required: false, description: 'ISO 639-1 language (es, en); null clears it.' }),
    country: t.string({ required: false, description: 'ISO 3166-1 alpha-2 country (ES, GB); null clears it.' }),
    timeZone: t.string({ required: false, description: 'IANA time zone (Europe/Madrid), checked against the runtime’s list; null clears it.' }),
    fields: t.field({
      type: 'JSON',
      required: false,
      description: 'Custom fields to merge in: {"plan": "gold", "visits": 3}; a field set to null is removed, fields not named are kept. Names: a letter, then letters, digits or _ (up to 64).',
      validate: z.record(z.string(), z.unknown()).optional().nullable(),
    }),
  }),
});

const SetCustomerAttributesPayload = builder.simpleObject('SetCustomerAttributesPayload', {
  description: 'The attributes were changed.',
  fields: (t) => ({ customer: t.field({ type: Customer, description: 'The customer with its new attributes.' }) }),
});

builder.mutationField('setCustomerAttributes', (t) =>
  t.field({
    type: SetCustomerAttributesPayload,
    description: 'Sets a customer’s tags, language, country, time zone or custom fields (what segments filter on). Supervisors and keys with customers:write; audited.',
    authScopes: { supervisor: true, apiScope: 'customers:write' },
    errors: { types: [NotFoundError, InvalidAttributeError, ...inputErrors], directResult: true, union: { name: 'SetCustomerAttributesResult' } },
    args: { input: t.arg({ type: SetCustomerAttributesInput, required: true, description: 'The customer and the attributes to change.' }) },
    resolve: async (_r, { input }, ctx) => ({
      customer: await updateCustomerAttributes(ctx, {
        principal: ctx.principal,
        customerId: String(input.customerId.id),
        input: { tags: input.tags, language: input.language, country: input.country, timeZone: input.timeZone, fields: input.fields },
      }),
    }),
  }),
);
