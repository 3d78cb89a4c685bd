import { closeInteraction, getInteraction, wrapUpInteraction, type InteractionChange } from '@cc/db/repositories/interactions';
import { interactionRefusal } from '../routing/transfer';
import { closed, wrapUpStarted } from '@cc/workflows/workflows/interaction-signals';
import { endHeldCall } from '../twilio/call-hold';
import { builder } from '../builder';
import type { Context } from '../context';
import { inputErrors } from './errors';
import { Interaction, InteractionPayload } from './interactions';
import { Queue } from './queues';
import {
  AgentAtCapacityError,
  AgentUnavailableError,
  AlreadyOfferedError,
  NotAnAgentError,
  ChannelNotServedError,
  InteractionStateError,
  InvalidRoutingSettingError,
  NotFoundError,
  NotYourInteractionError,
} from '../routing/errors';
import { User } from './users';

const actionErrors = [NotFoundError, NotYourInteractionError, InteractionStateError, ChannelNotServedError, AgentUnavailableError, InvalidRoutingSettingError, ...inputErrors];

function userId(ctx: Context): string {
  if (ctx.principal.kind !== 'user') throw new NotYourInteractionError();
  return ctx.principal.userId;
}

const TransferInput = builder.inputType('TransferInteractionInput', {
  description: 'Give exactly one target: a queue, or an agent (offered at once if available).',
  fields: (t) => ({
    interactionId: t.globalID({ required: true, for: [Interaction], description: 'The interaction to move.' }),
    queueId: t.globalID({ required: false, for: [Queue], description: 'The target queue (it must serve the channel).' }),
    agentId: t.globalID({ required: false, for: [User], description: 'The target agent’s User.id.' }),
  }),
});

function target(input: { queueId?: { id: unknown } | null; agentId?: { id: unknown } | null }) {
  if (!!input.queueId === !!input.agentId) throw new InvalidRoutingSettingError('Choose either a queue or an agent to transfer to.');
  return input.queueId ? { queueId: String(input.queueId.id) } : { agentId: String(input.agentId!.id) };
}

builder.mutationField('transferInteraction', (t) =>
  t.field({
    type: InteractionPayload,
    description: 'Hands your interaction to a queue or an agent; the customer stays connected. Returns the new interaction.',
    authScopes: { user: true },
    errors: { types: actionErrors, directResult: true, union: { name: 'TransferInteractionResult' } },
    args: { input: t.arg({ type: TransferInput, required: true, description: 'Your interaction and its target.' }) },
    resolve: (_r, { input }, ctx) => ctx.routing.transfer({ interactionId: String(input.interactionId.id), holderId: userId(ctx), to: target(input) }),
  }),
);

builder.mutationField('reassignInteraction', (t) =>
  t.field({
    type: InteractionPayload,
    description: 'Supervisors: move an assigned interaction to another agent or queue.',
    authScopes: { supervisor: true },
    errors: { types: actionErrors, directResult: true, union: { name: 'ReassignInteractionResult' } },
    args: { input: t.arg({ type: TransferInput, required: true, description: 'The interaction and its target.' }) },
    resolve: (_r, { input }, ctx) => ctx.routing.reassign({ interactionId: String(input.interactionId.id), to: target(input) }),
  }),
);

const AssignInput = builder.inputType('AssignInteractionInput', {
  description: 'A waiting interaction and the agent to offer it to.',
  fields: (t) => ({
    interactionId: t.globalID({ required: true, for: [Interaction], description: 'A queued interaction.' }),
    agentId: t.globalID({ required: true, for: [User], description: 'The agent’s User.id.' }),
  }),
});

const assignErrors = [NotFoundError, NotAnAgentError, InteractionStateError, AgentUnavailableError, AgentAtCapacityError, AlreadyOfferedError, ...inputErrors];

builder.mutationField('assignInteraction', (t) =>
  t.field({
    type: InteractionPayload,
    description:
      'Supervisors: offer a waiting (queued or offered) interaction to a chosen available agent at once; they accept or decline it like any offer. An offer open to someone else is withdrawn first.',
    authScopes: { supervisor: true },
    errors: { types: assignErrors, directResult: true, union: { name: 'AssignInteractionResult' } },
    args: { input: t.arg({ type: AssignInput, required: true, description: 'The interaction and the agent.' }) },
    resolve: (_r, { input }, ctx) =>
      ctx.routing.assign({ interactionId: String(input.interactionId.id), agentId: String(input.agentId.id), actor: { type: 'user', id: userId(ctx) } }),
  }),
);

const InteractionInput = builder.inputType('InteractionActionInput', {
  description: 'The interaction to act on.',
  fields: (t) => ({ interactionId: t.globalID({ required: true, for: [Interaction], description: 'Interaction.id.' }) }),
});

async function finish(ctx: Context, interactionId: string, action: 'wrapped up' | 'closed', change: Promise<InteractionChange>) {
  const result = await change;
  if (!result.ok) {
    const current = await getInteraction(ctx.db, interactionId);
    throw result.reason === 'wrong_status' ? new InteractionStateError(current?.status ?? 'unknown', action) : interactionRefusal(result.reason, action, '', '');
  }
  const i = result.interaction;
  await ctx.routing.signal(i.id, action === 'closed' ? closed : wrapUpStarted);
  if (ctx.twilio) await endHeldCall(ctx.twilio.deps, i);
  await ctx.routing.notify.interactionChanged(i);
  // A closed interaction, or a written one in wrap-up, frees the agent's slot.
  if (i.assigned_agent_id && (action === 'closed' || i.channel !== 'voice')) await ctx.routing.agentFreed(i.assigned_agent_id);
  return { interaction: i };
}

builder.mutationField('wrapUpInteraction', (t) =>
  t.field({
    type: InteractionPayload,
    description: 'Ends the conversation and starts after-contact work; it closes by itself after the wrap-up time.',
    authScopes: { user: true },
    errors: { types: actionErrors, directResult: true, union: { name: 'WrapUpInteractionResult' } },
    args: { input: t.arg({ type: InteractionInput, required: true, description: 'Your assigned interaction.' }) },
    resolve: (_r, { input }, ctx) => {
      const id = String(input.interactionId.id);
      return finish(ctx, id, 'wrapped up', wrapUpInteraction(ctx.db, { interactionId: id, agentId: userId(ctx), now: ctx.clock() }));
    },
  }),
);

builder.mutationField('closeInteraction', (t) =>
  t.field({
    type: InteractionPayload,
    description: 'Closes your interaction (from assigned or wrap-up): it is done and frees your slot.',
    authScopes: { user: true },
    errors: { types: actionErrors, directResult: true, union: { name: 'CloseInteractionResult' } },
    args: { input: t.arg({ type: InteractionInput, required: true, description: 'Your interaction.' }) },
    resolve: (_r, { input }, ctx) => {
      const id = String(input.interactionId.id);
      return finish(ctx, id, 'closed', closeInteraction(ctx.db, { interactionId: id, actor: { type: 'user', id: userId(ctx) }, now: ctx.clock() }));
    },
  }),
);

builder.mutationField('reportCustomerLeft', (t) =>
  t.field({
    type: InteractionPayload,
    description: 'For integrations (CTI, chat): the customer hung up or left. Waiting → abandoned; in conversation → wrap-up.',
    authScopes: { supervisor: true, apiScope: 'interactions:write' },
    errors: { types: actionErrors, directResult: true, union: { name: 'ReportCustomerLeftResult' } },
    args: { input: t.arg({ type: InteractionInput, required: true, description: 'The interaction the customer left.' }) },
    resolve: async (_r, { input }, ctx) => {
      const interaction = await ctx.routing.customerLeft(String(input.interactionId.id));
      if (!interaction) throw new NotFoundError('Interaction');
      return { interaction };
    },
  }),
);
