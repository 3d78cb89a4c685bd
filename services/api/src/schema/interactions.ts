import { z } from 'zod';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { getInteraction, getInteractions } from '@cc/db/repositories/interactions';
import { getCustomer } from '@cc/db/repositories/customers';
import { listInteractionEvents } from '@cc/db/repositories/interaction-events';
import { listInteractionMessages } from '@cc/db/repositories/messages';
import { listInteractions } from '@cc/db/repositories/interaction-list';
import type { Interaction as InteractionRow } from '@cc/db/tables/interactions';
import type { InteractionEvent as EventRow } from '@cc/db/tables/interaction-events';
import type { Message as MessageRow } from '@cc/db/tables/messages';
import { builder, maxPageSize } from '../builder';
import { interactionListAgent } from '../authorization/policy';
import { assertCanSubscribeToInteraction } from './subscription-auth';
import { startingWith } from './subscription-start';
import type { Context } from '../context';
import { Customer } from './customers';
import { inputErrors } from './errors';
import { Queue } from './queues';
import { ChannelEnum, InteractionStatusEnum } from './routing-enums';
import { ChannelNotServedError, NotFoundError } from '../routing/errors';
import { User } from './users';

export const Interaction = builder.loadableNodeRef('Interaction', {
  id: { resolve: (i: InteractionRow) => i.id },
  load: async (ids: string[], ctx: Context) => {
    const rows = await getInteractions(ctx.db, ids);
    return ids.map((id) => rows.find((r) => r.id === id) ?? new NotFoundError('Interaction'));
  },
});

export const InteractionEvent = builder.objectRef<EventRow>('InteractionEvent').implement({
  description: 'One step of an interaction’s timeline (enqueued, offered, assigned, transferred…).',
  fields: (t) => ({
    type: t.exposeString('type'),
    actorType: t.exposeString('actor_type'),
    data: t.field({ type: 'JSON', resolve: (e) => e.data }),
    at: t.expose('created_at', { type: 'DateTime' }),
    interaction: t.field({ type: Interaction, resolve: (e) => e.interaction_id }),
  }),
});

const MediaItem = builder.simpleObject('MediaItem', { fields: (t) => ({ url: t.string(), contentType: t.string({ nullable: true }) }) });
const Location = builder.simpleObject('Location', {
  fields: (t) => ({ latitude: t.float(), longitude: t.float(), label: t.string({ nullable: true }) }),
});

export const Message = builder.objectRef<MessageRow>('Message').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    direction: t.exposeString('direction'),
    channel: t.field({ type: ChannelEnum, resolve: (m) => m.channel }),
    body: t.exposeString('body', { nullable: true }),
    media: t.field({ type: [MediaItem], resolve: (m) => m.media ?? [] }),
    location: t.field({ type: Location, nullable: true, resolve: (m) => m.location }),
    deliveryStatus: t.exposeString('delivery_status', { nullable: true }),
    errorCode: t.exposeString('error_code', { nullable: true }),
    agent: t.field({ type: User, nullable: true, resolve: (m) => m.agent_id }),
    at: t.expose('created_at', { type: 'DateTime' }),
    interaction: t.field({ type: Interaction, nullable: true, resolve: (m) => m.interaction_id }),
  }),
});

Interaction.implement({
  authScopes: (interaction) => ({ interaction }),
  fields: (t) => ({
    channel: t.field({ type: ChannelEnum, resolve: (i) => i.channel }),
    status: t.field({ type: InteractionStatusEnum, resolve: (i) => i.status }),
    priority: t.exposeInt('priority'),
    subject: t.exposeString('subject', { nullable: true }),
    context: t.field({ type: 'JSON', description: 'What integrators or the channel attached (page URL, order id…).', resolve: (i) => i.context }),
    customer: t.field({ type: Customer, resolve: (i) => i.customer_id }),
    queue: t.field({ type: Queue, resolve: (i) => i.queue_id }),
    assignedAgent: t.field({ type: User, nullable: true, resolve: (i) => i.assigned_agent_id }),
    transferredFrom: t.field({ type: Interaction, nullable: true, resolve: (i) => i.transferred_from_id }),
    enqueuedAt: t.expose('enqueued_at', { type: 'DateTime' }),
    offeredAt: t.expose('offered_at', { type: 'DateTime', nullable: true }),
    assignedAt: t.expose('assigned_at', { type: 'DateTime', nullable: true }),
    wrapUpAt: t.expose('wrap_up_at', { type: 'DateTime', nullable: true }),
    closedAt: t.expose('closed_at', { type: 'DateTime', nullable: true }),
    abandonedAt: t.expose('abandoned_at', { type: 'DateTime', nullable: true }),
    events: t.field({ type: [InteractionEvent], resolve: (i, _a, ctx) => listInteractionEvents(ctx.db, i.id) }),
    messages: t.field({ type: [Message], resolve: (i, _a, ctx) => listInteractionMessages(ctx.db, i.id) }),
  }),
});

const InteractionFilter = builder.inputType('InteractionFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [InteractionStatusEnum], required: false }),
    queueId: t.globalID({ required: false, for: [Queue] }),
    channel: t.field({ type: ChannelEnum, required: false }),
  }),
});

const InteractionOrderEnum = builder.enumType('InteractionOrder', {
  description: 'How the interaction list is sorted.',
  values: {
    NEWEST_FIRST: { value: 'newest_first', description: 'By arrival, newest first.' },
    LONGEST_WAITING_FIRST: {
      value: 'longest_waiting_first',
      description: 'Contacts still waiting (queued or offered) first, the longest wait at the top; then the rest, oldest first.',
    },
  } as const,
});

builder.queryField('interactions', (t) =>
  t.connection({
    type: Interaction,
    description: 'Newest first unless `order` says otherwise. Agents see the interactions they hold, were offered or transferred; supervisors and keys with interactions:read see all.',
    authScopes: { user: true, apiScope: 'interactions:read' },
    args: {
      filter: t.arg({ type: InteractionFilter, required: false }),
      order: t.arg({ type: InteractionOrderEnum, required: false, defaultValue: 'newest_first' }),
    },
    resolve: (_r, args, ctx) =>
      resolveOffsetConnection({ args, defaultSize: 50, maxSize: maxPageSize }, ({ limit, offset }) => {
        const f = args.filter;
        return listInteractions(
          ctx.db,
          {
            statuses: f?.statuses ?? undefined,
            queueId: f?.queueId ? String(f.queueId.id) : undefined,
            channel: f?.channel ?? undefined,
            involvingAgentId: interactionListAgent(ctx.principal) ?? undefined,
          },
          { order: args.order ?? 'newest_first', limit, offset },
        );
      }),
  }),
);

builder.queryField('interaction', (t) =>
  t.field({
    type: Interaction,
    nullable: true,
    authScopes: { user: true, apiScope: 'interactions:read' },
    args: { id: t.arg.globalID({ required: true, for: [Interaction] }) },
    resolve: async (_r, { id }, ctx) => (await getInteraction(ctx.db, String(id.id))) ?? null,
  }),
);

const EnqueueInteractionInput = builder.inputType('EnqueueInteractionInput', {
  fields: (t) => ({
    customerId: t.globalID({ required: true, for: [Customer] }),
    queueId: t.globalID({ required: true, for: [Queue] }),
    channel: t.field({ type: ChannelEnum, required: true }),
    priority: t.int({ required: false, validate: z.number().int().min(-100).max(100).optional().nullable() }),
    subject: t.string({ required: false, validate: z.string().max(300).optional().nullable() }),
    context: t.field({ type: 'JSON', required: false }),
  }),
});

export const InteractionPayload = builder.simpleObject('InteractionPayload', { fields: (t) => ({ interaction: t.field({ type: Interaction }) }) });

builder.mutationField('enqueueInteraction', (t) =>
  t.field({
    type: InteractionPayload,
    description: 'Puts a contact in a queue (integrations, callbacks, tests); channels enqueue their own contacts.',
    authScopes: { supervisor: true, apiScope: 'interactions:write' },
    errors: { types: [NotFoundError, ChannelNotServedError, ...inputErrors], directResult: true, union: { name: 'EnqueueInteractionResult' } },
    args: { input: t.arg({ type: EnqueueInteractionInput, required: true, description: 'The customer, channel, queue and context.' }) },
    resolve: async (_r, { input }, ctx) => {
      const customerId = String(input.customerId.id);
      if (!(await getCustomer(ctx.db, customerId))) throw new NotFoundError('Customer');
      const context = input.context && typeof input.context === 'object' ? (input.context as Record<string, unknown>) : {};
      const created = await ctx.routing.enqueue(
        { customerId, queueId: String(input.queueId.id), channel: input.channel, priority: input.priority ?? undefined, subject: input.subject ?? null, context },
        ctx.principal.kind === 'user' ? { type: 'user', id: ctx.principal.userId } : ctx.principal.kind === 'apiKey' ? { type: 'api_key', id: ctx.principal.keyId } : undefined,
      );
      if (!created.ok) throw created.reason === 'no_such_queue' ? new NotFoundError('Queue') : new ChannelNotServedError(input.channel);
      return { interaction: created.interaction };
    },
  }),
);

builder.subscriptionField('interactionUpdated', (t) =>
  t.field({
    type: Interaction,
    description: 'The interaction as it is now, then each time its status, offers or messages change.',
    authScopes: { user: true, apiScope: 'interactions:read' },
    args: { id: t.arg.globalID({ required: true, for: [Interaction] }) },
    subscribe: async (_r, { id }, ctx) => {
      await assertCanSubscribeToInteraction(ctx, String(id.id));
      return startingWith(async () => [{ interactionId: String(id.id) }], ctx.pubsub.subscribe('interactionUpdated', String(id.id)));
    },
    resolve: async (payload, _a, ctx) => (await getInteraction(ctx.db, String(payload.interactionId)))!,
  }),
);
