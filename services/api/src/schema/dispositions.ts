import { getDispositions, listDispositions } from '@cc/db/repositories/dispositions';
import type { Disposition as DispositionRow } from '@cc/db/tables/reports';
import { builder } from '../builder';
import type { Context } from '../context';
import { saveDisposition, setInteractionDisposition } from '../reports/dispositions';
import { UnknownDispositionError } from '../reports/errors';
import { InteractionStateError, InvalidRoutingSettingError, NotFoundError, NotYourInteractionError } from '../routing/errors';
import { inputErrors } from './errors';
import { Interaction, InteractionPayload } from './interactions';
import { Queue } from './queues';

export const Disposition = builder.objectRef<DispositionRow>('Disposition').implement({
  description: 'A wrap-up code (disposition) a queue offers its agents when they finish a contact.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The code’s id (UUID); pass it to setInteractionDisposition.' }),
    code: t.exposeString('code', { description: 'Stable code, upper case (e.g. SALE).' }),
    label: t.exposeString('label', { description: 'What agents read.' }),
    active: t.exposeBoolean('active', { description: 'Offered to agents; a retired code stays on the contacts that have it.' }),
    queue: t.field({ type: Queue, description: 'The queue offering it.', resolve: (d) => d.queue_id }),
  }),
});

builder.objectField(Queue, 'dispositions', (t) =>
  t.field({
    type: [Disposition],
    description: 'The queue’s wrap-up codes: active ones (and retired ones with includeRetired).',
    args: { includeRetired: t.arg.boolean({ required: false, defaultValue: false, description: 'Also retired codes.' }) },
    resolve: (q, args, ctx) => listDispositions(ctx.db, [q.id], args.includeRetired ?? false),
  }),
);

builder.objectField(Interaction, 'disposition', (t) =>
  t.field({
    type: Disposition,
    nullable: true,
    description: 'The wrap-up code its agent chose; null until then.',
    resolve: async (i, _a, ctx: Context) => (i.disposition_id ? ((await getDispositions(ctx.db, [i.disposition_id]))[0] ?? null) : null),
  }),
);

const DispositionPayload = builder.simpleObject('DispositionPayload', {
  description: 'The wrap-up code as saved.',
  fields: (t) => ({ disposition: t.field({ type: Disposition, description: 'The code.' }) }),
});

const SaveDispositionInput = builder.inputType('SaveDispositionInput', {
  description: 'A queue’s wrap-up code: added, or (same code) relabelled, retired or restored.',
  fields: (t) => ({
    queueId: t.globalID({ required: true, for: [Queue], description: 'The queue.' }),
    code: t.string({ required: true, description: '1–40 letters, digits, "_", "." or "-"; stored upper case.' }),
    label: t.string({ required: true, description: 'What agents read, 1–100 characters.' }),
    active: t.boolean({ required: false, defaultValue: true, description: 'false retires the code.' }),
  }),
});

builder.mutationField('saveDisposition', (t) =>
  t.field({
    type: DispositionPayload,
    description: 'Supervisors: add a wrap-up code to a queue, or relabel / retire / restore one (by code).',
    authScopes: { supervisor: true },
    errors: { types: [NotFoundError, InvalidRoutingSettingError, ...inputErrors], directResult: true, union: { name: 'SaveDispositionResult' } },
    args: { input: t.arg({ type: SaveDispositionInput, required: true, description: 'The code.' }) },
    resolve: async (_r, { input }, ctx) => ({
      disposition: await saveDisposition(ctx, { queueId: String(input.queueId.id), code: input.code, label: input.label, active: input.active ?? true }),
    }),
  }),
);

const SetDispositionInput = builder.inputType('SetInteractionDispositionInput', {
  description: 'Your interaction and the wrap-up code to record.',
  fields: (t) => ({
    interactionId: t.globalID({ required: true, for: [Interaction], description: 'The interaction you handle or handled.' }),
    dispositionId: t.string({ required: true, description: 'Disposition.id, one of its queue’s active codes.' }),
  }),
});

builder.mutationField('setInteractionDisposition', (t) =>
  t.field({
    type: InteractionPayload,
    description: 'The agent who answered an interaction records its wrap-up code (while handling it, in wrap-up, or after it ended); on its timeline and in the reports. Choosing again replaces it.',
    authScopes: { user: true },
    errors: {
      types: [NotFoundError, NotYourInteractionError, InteractionStateError, UnknownDispositionError, ...inputErrors],
      directResult: true,
      union: { name: 'SetInteractionDispositionResult' },
    },
    args: { input: t.arg({ type: SetDispositionInput, required: true, description: 'The interaction and the code.' }) },
    resolve: async (_r, { input }, ctx) => {
      if (ctx.principal.kind !== 'user') throw new NotYourInteractionError();
      const interaction = await setInteractionDisposition(
        { db: ctx.db, clock: ctx.clock, interactionChanged: (i) => ctx.routing.notify.interactionChanged(i) },
        { interactionId: String(input.interactionId.id), dispositionId: input.dispositionId, agentId: ctx.principal.userId },
      );
      return { interaction };
    },
  }),
);
