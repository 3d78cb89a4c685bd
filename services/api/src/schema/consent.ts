import { z } from 'zod';
import { consentState } from '@cc/core/consent';
import { currentConsent, listConsents } from '@cc/db/repositories/consents';
import type { Consent as ConsentRow } from '@cc/db/tables/consents';
import { builder } from '../builder';
import { recordCallerConsent } from '../consent/record-consent';
import { WrongChannelError } from '../messaging/errors';
import { Customer } from './customers';
import { inputErrors } from './errors';
import { Interaction } from './interactions';
import { ChannelEnum } from './routing-enums';
import { InteractionStateError, NotFoundError, NotYourInteractionError } from '../routing/errors';
import { User } from './users';

export const ConsentPurposeEnum = builder.enumType('ConsentPurpose', {
  description: 'What a consent is for.',
  values: {
    SERVICE: { value: 'service', description: 'Messages about the customer’s own contact: links, files and locations pushed during a call, replies.' },
    MARKETING: { value: 'marketing', description: 'Promotions and campaigns.' },
    ALL: { value: 'all', description: 'Every purpose: what an opt-out keyword (STOP, BAJA) withdraws; a newer grant for one purpose overrides it for that purpose.' },
  } as const,
});

export const ConsentStateEnum = builder.enumType('ConsentState', {
  description: 'GRANTED: may be messaged for the purpose; OPTED_OUT: withdrew (STOP/BAJA) — nothing until a new opt-in; NONE: never asked.',
  values: {
    GRANTED: { value: 'granted', description: 'May be messaged for the purpose.' },
    OPTED_OUT: { value: 'opted_out', description: 'Withdrew: nothing may be sent until a new opt-in.' },
    NONE: { value: 'none', description: 'Never asked: ask (and record it) before pushing.' },
  } as const,
});

export const Consent = builder.objectRef<ConsentRow>('Consent').implement({
  description: 'One grant or withdrawal, with its evidence (append-only).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The record’s id (UUID).' }),
    channel: t.field({ type: ChannelEnum, description: 'The channel it covers (WHATSAPP today).', resolve: (c) => c.channel }),
    purpose: t.field({ type: ConsentPurposeEnum, description: 'What it covers.', resolve: (c) => c.purpose }),
    granted: t.exposeBoolean('granted', { description: 'True for a grant, false for a withdrawal.' }),
    source: t.exposeString('source', { description: 'agent_verbal, whatsapp_keyword…' }),
    evidence: t.field({
      type: 'JSON',
      description: 'Proof as recorded: for a verbal consent the call SID, caller id, agent, time, wording and purpose; for a keyword the message it came in.',
      resolve: (c) => c.evidence,
    }),
    recordedBy: t.field({ type: User, nullable: true, description: 'The agent who recorded it; null when the customer gave it themself (e.g. a keyword).', resolve: (c) => c.recorded_by_user_id }),
    interaction: t.field({ type: Interaction, nullable: true, description: 'The interaction it was given in; null when outside one.', resolve: (c) => c.interaction_id }),
    at: t.expose('created_at', { type: 'DateTime', description: 'When it was given or withdrawn.' }),
  }),
});

builder.objectFields(Customer, (t) => ({
  consents: t.field({
    type: [Consent],
    description: 'Every consent given or withdrawn, oldest first.',
    authScopes: { user: true, apiScope: 'customers:read' },
    resolve: (c, _a, ctx) => listConsents(ctx.db, c.id),
  }),
  whatsAppConsent: t.field({
    type: ConsentStateEnum,
    description: 'Whether the customer may be sent WhatsApp messages for a purpose now (the newest record for it, or for ALL, decides).',
    args: { purpose: t.arg({ type: ConsentPurposeEnum, required: false, defaultValue: 'service', description: 'The purpose to check; SERVICE by default.' }) },
    authScopes: { user: true, apiScope: 'customers:read' },
    resolve: async (c, { purpose }, ctx) => consentState(await currentConsent(ctx.db, c.id, 'whatsapp', purpose ?? 'service')),
  }),
}));

const RecordConsentInput = builder.inputType('RecordConsentInput', {
  description: 'What the caller agreed to (or withdrew), as the agent heard it on the call.',
  fields: (t) => ({
    interactionId: t.globalID({ required: true, for: [Interaction], description: 'The call assigned to you.' }),
    purpose: t.field({ type: ConsentPurposeEnum, required: false, defaultValue: 'service', description: 'What it covers; SERVICE by default.' }),
    granted: t.boolean({ required: false, defaultValue: true, description: 'False records a withdrawal.' }),
    wording: t.string({ required: true, description: 'The question asked and the answer given, 5–2000 characters (kept as evidence).', validate: z.string().trim().min(5, 'write the question asked and the answer given').max(2000) }),
  }),
});

const RecordConsentPayload = builder.simpleObject('RecordConsentPayload', {
  description: 'The consent was recorded.',
  fields: (t) => ({ consent: t.field({ type: Consent, description: 'The record with its evidence.' }) }),
});

builder.mutationField('recordConsent', (t) =>
  t.field({
    type: RecordConsentPayload,
    description:
      'The agent on a call records the caller’s verbal consent (or withdrawal) for WhatsApp messages; the evidence keeps the call SID, the agent, the time, the wording and the purpose.',
    authScopes: { user: true },
    errors: { types: [NotFoundError, NotYourInteractionError, WrongChannelError, InteractionStateError, ...inputErrors], directResult: true, union: { name: 'RecordConsentResult' } },
    args: { input: t.arg({ type: RecordConsentInput, required: true, description: 'The call, the purpose and the wording.' }) },
    resolve: async (_r, { input }, ctx) => ({
      consent: await recordCallerConsent(ctx, {
        principal: ctx.principal,
        interactionId: String(input.interactionId.id),
        purpose: input.purpose ?? 'service',
        granted: input.granted ?? true,
        wording: input.wording,
      }),
    }),
  }),
);
