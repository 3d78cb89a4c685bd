import { z } from 'zod';
import { getInteraction } from '@cc/db/repositories/interactions';
import { recordInteractionEvent } from '@cc/db/repositories/interaction-events';
import { builder } from '../builder';
import { mayReadInteraction } from '../authorization/policy';
import { inputErrors } from './errors';
import { Interaction, InteractionPayload } from './interactions';
import { NotFoundError, NotYourInteractionError } from '../routing/errors';

export const maxNoteLength = 4000;

const AddInteractionNoteInput = builder.inputType('AddInteractionNoteInput', {
  description: 'A private note for an interaction’s timeline.',
  fields: (t) => ({
    interactionId: t.globalID({ required: true, for: [Interaction], description: 'An interaction you may read (yours, or any for supervisors).' }),
    text: t.string({
      required: true,
      description: `The note, 1–${maxNoteLength} characters (trimmed).`,
      validate: z.string().trim().min(1, 'Write the note first.').max(maxNoteLength, `Keep notes to ${maxNoteLength} characters.`),
    }),
  }),
});

builder.mutationField('addInteractionNote', (t) =>
  t.field({
    type: InteractionPayload,
    description: 'Adds a private note to the interaction’s timeline: seen by agents and supervisors, never sent to the customer.',
    authScopes: { user: true },
    errors: { types: [NotFoundError, NotYourInteractionError, ...inputErrors], directResult: true, union: { name: 'AddInteractionNoteResult' } },
    args: { input: t.arg({ type: AddInteractionNoteInput, required: true, description: 'The interaction and the note’s text.' }) },
    resolve: async (_r, { input }, ctx) => {
      if (ctx.principal.kind !== 'user') throw new NotYourInteractionError();
      const { userId } = ctx.principal;
      const interaction = await getInteraction(ctx.db, String(input.interactionId.id));
      if (!interaction) throw new NotFoundError('Interaction');
      if (!(await mayReadInteraction(ctx.db, ctx.principal, interaction))) throw new NotYourInteractionError();
      await recordInteractionEvent(ctx.db, {
        interactionId: interaction.id,
        type: 'note',
        actor: { type: 'user', id: userId },
        data: { text: input.text.trim() },
        at: ctx.clock(),
      });
      ctx.pubsub.publish('interactionUpdated', interaction.id, { interactionId: interaction.id });
      return { interaction };
    },
  }),
);
