import { ProviderRefusedError, ProviderUnreachableError } from '@cc/channels/provider-failure';
import { builder } from '../builder';
import { setCallOnHold } from '../voice/hold-call';
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
    resolve: async (_r, { input }, ctx) => ({
      interaction: await setCallOnHold(ctx, { principal: ctx.principal, interactionId: String(input.interactionId.id), onHold: input.onHold }),
    }),
  }),
);
