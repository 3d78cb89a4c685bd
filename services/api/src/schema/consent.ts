import { z } from 'zod';
import { consentState } from '@cc/core/consent';
import { currentConsent, listConsents, recordConsent } from '@cc/db/repositories/consents';
import { getInteraction } from '@cc/db/repositories/interactions';
import { recordInteractionEvent } from '@cc/db/repositories/interaction-events';
import type { Consent as ConsentRow } from '@cc/db/tables/consents';
import { builder } from '../builder';
import { isAssignedAgent } from '../authorization/policy';
import { WrongChannelError } from '../messaging/errors';
import { Customer } from './customers';
import { inputErrors } from './errors';
import { Interaction } from './interactions';
import { ChannelEnum } from './routing-enums';
import { InteractionStateError, NotFoundError, NotYourInteractionError } from '../routing/errors';
import { User } from './users';

export const ConsentPurposeEnum = builder.enumType('ConsentPurpose', {
  values: { SERVICE: { value: 'service' }, MARKETING: { value: 'marketing' }, ALL: { value: 'all' } } as const,
});

export const ConsentStateEnum = builder.enumType('ConsentState', {
  description: 'GRANTED: may be messaged for the purpose; OPTED_OUT: withdrew (STOP/BAJA) — nothing until a new opt-in; NONE: never asked.',
  values: { GRANTED: { value: 'granted' }, OPTED_OUT: { value: 'opted_out' }, NONE: { value: 'none' } } as const,
});

export const Consent = builder.objectRef<ConsentRow>('Consent').implement({
  description: 'One grant or withdrawal, with its evidence (append-only).',
  fields: (t) => ({
    id: t.exposeID('id'),
    channel: t.field({ type: ChannelEnum, resolve: (c) => c.channel }),
    purpose: t.field({ type: ConsentPurposeEnum, resolve: (c) => c.purpose }),
    granted: t.exposeBoolean('granted'),
    source: t.exposeString('source', { description: 'agent_verbal, whatsapp_keyword…' }),
    evidence: t.field({ type: 'JSON', resolve: (c) => c.evidence }),
    recordedBy: t.field({ type: User, nullable: true, resolve: (c) => c.recorded_by_user_id }),
    interaction: t.field({ type: Interaction, nullable: true, resolve: (c) => c.interaction_id }),
    at: t.expose('created_at', { type: 'DateTime' }),
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
    args: { purpose: t.arg({ type: ConsentPurposeEnum, required: false, defaultValue: 'service' }) },
    authScopes: { user: true, apiScope: 'customers:read' },
    resolve: async (c, { purpose }, ctx) => consentState(await currentConsent(ctx.db, c.id, 'whatsapp', purpose ?? 'service')),
  }),
}));

const RecordConsentInput = builder.inputType('RecordConsentInput', {
  description: 'What the caller agreed to (or withdrew), as the agent heard it on the call.',
  fields: (t) => ({
    interactionId: t.globalID({ required: true, for: [Interaction] }),
    purpose: t.field({ type: ConsentPurposeEnum, required: false, defaultValue: 'service' }),
    granted: t.boolean({ required: false, defaultValue: true }),
    wording: t.string({ required: true, validate: z.string().trim().min(5, 'write the question asked and the answer given').max(2000) }),
  }),
});

const RecordConsentPayload = builder.simpleObject('RecordConsentPayload', { fields: (t) => ({ consent: t.field({ type: Consent }) }) });

builder.mutationField('recordConsent', (t) =>
  t.field({
    type: RecordConsentPayload,
    description:
      'The agent on a call records the caller’s verbal consent (or withdrawal) for WhatsApp messages; the evidence keeps the call SID, the agent, the time, the wording and the purpose.',
    authScopes: { user: true },
    errors: { types: [NotFoundError, NotYourInteractionError, WrongChannelError, InteractionStateError, ...inputErrors], directResult: true, union: { name: 'RecordConsentResult' } },
    args: { input: t.arg({ type: RecordConsentInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      if (ctx.principal.kind !== 'user') throw new NotYourInteractionError();
      const interaction = await getInteraction(ctx.db, String(input.interactionId.id));
      if (!interaction) throw new NotFoundError('Interaction');
      if (!isAssignedAgent(ctx.principal, interaction)) throw new NotYourInteractionError();
      if (interaction.channel !== 'voice') throw new WrongChannelError('voice', interaction.channel);
      if (interaction.status !== 'assigned') throw new InteractionStateError(interaction.status, 'used to record consent');
      const now = ctx.clock();
      const purpose = input.purpose ?? 'service';
      const granted = input.granted ?? true;
      const consent = await ctx.db.transaction().execute(async (trx) => {
        const row = await recordConsent(
          trx,
          {
            customerId: interaction.customer_id,
            channel: 'whatsapp',
            purpose,
            granted,
            source: 'agent_verbal',
            evidence: {
              callSid: interaction.context.callSid ?? null,
              callerId: interaction.context.from ?? null,
              agentId: ctx.principal.kind === 'user' ? ctx.principal.userId : null,
              at: now.toISOString(),
              wording: input.wording.trim(),
              purpose,
              granted,
            },
            recordedByUserId: ctx.principal.kind === 'user' ? ctx.principal.userId : null,
            messageId: null,
            interactionId: interaction.id,
          },
          now,
        );
        await recordInteractionEvent(trx, {
          interactionId: interaction.id,
          type: granted ? 'consent_recorded' : 'consent_withdrawn',
          actor: { type: 'user', id: ctx.principal.kind === 'user' ? ctx.principal.userId : null },
          data: { consentId: row!.id, purpose, channel: 'whatsapp', source: 'agent_verbal' },
          at: now,
        });
        return row!;
      });
      ctx.pubsub.publish('interactionUpdated', interaction.id, { interactionId: interaction.id });
      return { consent };
    },
  }),
);
