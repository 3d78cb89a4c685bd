import { ProviderRefusedError, ProviderUnreachableError } from '@cc/channels/provider-failure';
import { getInteraction } from '@cc/db/repositories/interactions';
import { holdCall } from '../twilio/call-hold';
import { builder } from '../builder';
import { NoLiveCallError } from '../voice/errors';
import { TwilioNotConfiguredError, WrongChannelError } from '../messaging/errors';
import { inputErrors } from './errors';
import { Interaction, InteractionPayload } from './interactions';
import { InteractionStateError, NotFoundError, NotYourInteractionError } from '../routing/errors';

builder.objectField(Interaction, 'onHold', (t) =>
  t.boolean({
    description: 'A call its agent put on hold: the caller hears music until the agent resumes it.',
    // Only while assigned: a transfer copies the context to the next interaction.
    resolve: (i) => i.status === 'assigned' && i.context.onHold === true,
  }),
);

const HoldCallInput = builder.inputType('HoldCallInput', {
  description: 'Which call to hold or resume.',
  fields: (t) => ({
    interactionId: t.globalID({ required: true, for: [Interaction], description: 'The voice interaction assigned to you.' }),
    onHold: t.boolean({ required: true, description: 'true puts the caller on hold; false resumes the call on your softphone or phone.' }),
  }),
});

builder.mutationField('holdCall', (t) =>
  t.field({
    type: InteractionPayload,
    description: 'Puts your assigned call on hold (the caller hears music) or resumes it. Asking for the state it is in changes nothing.',
    authScopes: { user: true },
    errors: {
      types: [NotFoundError, NotYourInteractionError, WrongChannelError, InteractionStateError, NoLiveCallError, TwilioNotConfiguredError, ProviderUnreachableError, ProviderRefusedError, ...inputErrors],
      directResult: true,
      union: { name: 'HoldCallResult' },
    },
    args: { input: t.arg({ type: HoldCallInput, required: true, description: 'The call and whether to hold it.' }) },
    resolve: async (_r, { input }, ctx) => {
      if (ctx.principal.kind !== 'user') throw new NotYourInteractionError();
      const agentId = ctx.principal.userId;
      const action = input.onHold ? 'put on hold' : 'resumed';
      const interaction = await getInteraction(ctx.db, String(input.interactionId.id));
      if (!interaction) throw new NotFoundError('Interaction');
      if (interaction.assigned_agent_id !== agentId) throw new NotYourInteractionError();
      if (interaction.channel !== 'voice') throw new WrongChannelError('voice', interaction.channel);
      if (interaction.status !== 'assigned') throw new InteractionStateError(interaction.status, action);
      if (!ctx.twilio) throw new TwilioNotConfiguredError('Voice');
      const result = await holdCall(ctx.twilio.deps, interaction, agentId, input.onHold);
      if (result.ok) return { interaction: result.interaction };
      if (result.reason !== 'unchanged') throw new NoLiveCallError();
      // Already in that state, or it changed meanwhile (ended, transferred): say which.
      const now = await getInteraction(ctx.db, interaction.id);
      if (now?.status === 'assigned' && now.assigned_agent_id === agentId) return { interaction: now };
      throw new InteractionStateError(now?.status ?? 'closed', action);
    },
  }),
);
