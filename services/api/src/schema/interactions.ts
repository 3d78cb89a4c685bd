import { z } from 'zod';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { getInteraction, getInteractions } from '@cc/db/repositories/interactions';
import { listInteractionEvents } from '@cc/db/repositories/interaction-events';
import { lastMessagesOfInteractions, listMessagesOfInteractions } from '@cc/db/repositories/messages';
import { listInteractionsWithParties, type InteractionListItem } from '@cc/db/repositories/interaction-list';
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
    type: t.exposeString('type', { description: 'What happened: enqueued, offered, assigned, declined, transferred, wrap_up, closed, abandoned, note, …' }),
    actorType: t.exposeString('actor_type', { description: 'Who did it: system, user (an agent or supervisor), api_key or customer.' }),
    data: t.field({ description: 'Details of the step (queue, agent, reason…); the keys depend on type.', type: 'JSON', resolve: (e) => e.data }),
    at: t.expose('created_at', { description: 'When it happened.', type: 'DateTime' }),
    interaction: t.field({ description: 'The interaction it belongs to.', type: Interaction, resolve: (e) => e.interaction_id }),
  }),
});

const MediaItem = builder.simpleObject('MediaItem', { description: 'A file sent or received with a message.', fields: (t) => ({ url: t.string({ description: 'Where to fetch the file (a media URL of this server, signed when private).' }), contentType: t.string({ description: 'MIME type; null when the channel did not say.', nullable: true }) }) });
const Location = builder.simpleObject('Location', {
  description: 'A place shared in a message (WhatsApp location).',
  fields: (t) => ({ latitude: t.float({ description: 'Degrees, WGS 84.' }), longitude: t.float({ description: 'Degrees, WGS 84.' }), label: t.string({ description: 'Name or address of the place, when given.', nullable: true }) }),
});

export const Message = builder.objectRef<MessageRow>('Message').implement({
  description: 'One message of an interaction, inbound from the customer or outbound from an agent (WhatsApp, email, web chat). Seen by whoever may see its interaction.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Message id.' }),
    direction: t.exposeString('direction', { description: 'inbound (from the customer) or outbound (to them).' }),
    channel: t.field({ description: 'The channel it went over.', type: ChannelEnum, resolve: (m) => m.channel }),
    body: t.exposeString('body', { description: 'The text; null for media-only or location messages.', nullable: true }),
    media: t.field({ description: 'Attached files, in order; empty when none.', type: [MediaItem], resolve: (m) => m.media ?? [] }),
    location: t.field({ description: 'A shared location, when the message is one.', type: Location, nullable: true, resolve: (m) => m.location }),
    deliveryStatus: t.exposeString('delivery_status', { description: 'Outbound only: queued, sent, delivered, read or failed (from the provider’s status callbacks); null for inbound.', nullable: true }),
    errorCode: t.exposeString('error_code', { description: 'Why it failed: the provider’s error code (e.g. Twilio 63016), or unreachable; null unless failed.', nullable: true }),
    agent: t.field({ description: 'The agent who sent it; null for inbound and system messages.', type: User, nullable: true, resolve: (m) => m.agent_id }),
    at: t.expose('created_at', { description: 'When it was received or sent.', type: 'DateTime' }),
    interaction: t.field({ description: 'The interaction it belongs to; null when it arrived outside one.', type: Interaction, nullable: true, resolve: (m) => m.interaction_id }),
  }),
});

/** Rows of the interactions list carry their customer, queue and agent (one join); other rows load them by id. */
const parties = (i: InteractionRow) => i as InteractionRow & Partial<Pick<InteractionListItem, 'customer' | 'queue' | 'assigned_agent'>>;

/** How many last messages an interaction row may ask for. */
const maxLastMessages = 50;

Interaction.implement({
  description: 'One customer contact (call, WhatsApp conversation, email thread, web chat) from queue to close. Agents see the ones they hold, were offered or transferred; supervisors and API keys with interactions:read see all.',
  authScopes: (interaction) => ({ interaction }),
  fields: (t) => ({
    channel: t.field({ description: 'How the customer reached us.', type: ChannelEnum, resolve: (i) => i.channel }),
    status: t.field({ description: 'Where it is in its life: queued → offered → assigned → wrap-up → closed (or abandoned, transferred).', type: InteractionStatusEnum, resolve: (i) => i.status }),
    priority: t.exposeInt('priority', { description: 'Higher is served first within its queue (−100…100; 0 by default).' }),
    subject: t.exposeString('subject', { description: 'Email subject, or a short label given when enqueued.', nullable: true }),
    context: t.field({ type: 'JSON', description: 'What integrators or the channel attached (page URL, order id…).', resolve: (i) => i.context }),
    customer: t.field({ description: 'Who the contact is with.', type: Customer, resolve: (i) => parties(i).customer ?? i.customer_id }),
    queue: t.field({ description: 'The queue it waits in or was routed through.', type: Queue, resolve: (i) => parties(i).queue ?? i.queue_id }),
    assignedAgent: t.field({ description: 'The agent handling it; null until assigned.', type: User, nullable: true, resolve: (i) => parties(i).assigned_agent ?? i.assigned_agent_id }),
    transferredFrom: t.field({ description: 'The interaction this one continues after a transfer.', type: Interaction, nullable: true, resolve: (i) => i.transferred_from_id }),
    enqueuedAt: t.expose('enqueued_at', { description: 'When it entered the queue.', type: 'DateTime' }),
    offeredAt: t.expose('offered_at', { description: 'When it was last offered to an agent.', type: 'DateTime', nullable: true }),
    assignedAt: t.expose('assigned_at', { description: 'When an agent accepted it.', type: 'DateTime', nullable: true }),
    wrapUpAt: t.expose('wrap_up_at', { description: 'When the conversation ended and wrap-up began.', type: 'DateTime', nullable: true }),
    closedAt: t.expose('closed_at', { description: 'When it was closed.', type: 'DateTime', nullable: true }),
    abandonedAt: t.expose('abandoned_at', { description: 'When the customer left before being served (hung up, chat closed).', type: 'DateTime', nullable: true }),
    events: t.field({ description: 'Its timeline, oldest first.', type: [InteractionEvent], resolve: (i, _a, ctx) => listInteractionEvents(ctx.db, i.id) }),
    // Batched across the interactions of a list: one statement for the page, not one per row. Not
    // cached: a subscription keeps one context for all its events, and each must read messages anew.
    messages: t.loadableGroup({
      description: 'Its messages, oldest first.',
      type: Message,
      loaderOptions: { cache: false },
      load: (ids: string[], ctx) => listMessagesOfInteractions(ctx.db, ids),
      group: (m) => m.interaction_id!,
      resolve: (i) => i.id,
    }),
    lastMessages: t.loadableGroup({
      description: `Its last \`count\` messages, oldest first: what a list shows under each contact without reading whole conversations. Seen by whoever may see the interaction.`,
      type: Message,
      args: {
        count: t.arg.int({
          description: `How many (1–${maxLastMessages}; 3 when omitted).`,
          required: true,
          defaultValue: 3,
          validate: z.number().int().min(1, 'Ask for at least one message.').max(maxLastMessages, `Ask for at most ${maxLastMessages} messages.`),
        }),
      },
      // One loader per place in the query, so each alias keeps its own count; not cached (see messages).
      byPath: true,
      loaderOptions: { cache: false },
      load: (ids: string[], ctx, { count }) => lastMessagesOfInteractions(ctx.db, ids, count),
      group: (m) => m.interaction_id!,
      resolve: (i) => i.id,
    }),
  }),
});

const InteractionFilter = builder.inputType('InteractionFilter', {
  description: 'Narrows the interaction list; every given field must match.',
  fields: (t) => ({
    statuses: t.field({ description: 'Any of these statuses.', type: [InteractionStatusEnum], required: false }),
    queueId: t.globalID({ description: 'Only this queue.', required: false, for: [Queue] }),
    channel: t.field({ description: 'Only this channel.', type: ChannelEnum, required: false }),
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
      filter: t.arg({ description: 'Which interactions; all you may see when omitted.', type: InteractionFilter, required: false }),
      order: t.arg({ description: 'Sort order.', type: InteractionOrderEnum, required: false, defaultValue: 'newest_first' }),
    },
    resolve: (_r, args, ctx) =>
      resolveOffsetConnection({ args, defaultSize: 50, maxSize: maxPageSize }, ({ limit, offset }) => {
        const f = args.filter;
        return listInteractionsWithParties(
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
    description: 'One interaction by id; null when it does not exist. Agents may read the ones they hold, were offered or transferred; supervisors and keys with interactions:read any.',
    authScopes: { user: true, apiScope: 'interactions:read' },
    args: { id: t.arg.globalID({ description: 'Global id of the interaction.', required: true, for: [Interaction] }) },
    resolve: async (_r, { id }, ctx) => (await getInteraction(ctx.db, String(id.id))) ?? null,
  }),
);

const EnqueueInteractionInput = builder.inputType('EnqueueInteractionInput', {
  description: 'A contact to put in a queue.',
  fields: (t) => ({
    customerId: t.globalID({ description: 'The customer it is with.', required: true, for: [Customer] }),
    queueId: t.globalID({ description: 'The queue; it must serve the channel.', required: true, for: [Queue] }),
    channel: t.field({ description: 'The contact’s channel.', type: ChannelEnum, required: true }),
    priority: t.int({ description: '−100…100, higher first; the queue’s priority when omitted.', required: false, validate: z.number().int().min(-100).max(100).optional().nullable() }),
    subject: t.string({ description: 'A short label (at most 300 characters).', required: false, validate: z.string().max(300).optional().nullable() }),
    context: t.field({ description: 'Anything to show the agent (order id, page URL…), as a JSON object.', type: 'JSON', required: false }),
  }),
});

export const InteractionPayload = builder.simpleObject('InteractionPayload', {
  description: 'The interaction as it is after the change.',
  fields: (t) => ({ interaction: t.field({ type: Interaction, description: 'The interaction, updated.' }) }),
});

builder.mutationField('enqueueInteraction', (t) =>
  t.field({
    type: InteractionPayload,
    description: 'Puts a contact in a queue (integrations, callbacks, tests); channels enqueue their own contacts.',
    authScopes: { supervisor: true, apiScope: 'interactions:write' },
    errors: { types: [NotFoundError, ChannelNotServedError, ...inputErrors], directResult: true, union: { name: 'EnqueueInteractionResult' } },
    args: { input: t.arg({ type: EnqueueInteractionInput, required: true, description: 'The customer, channel, queue and context.' }) },
    resolve: async (_r, { input }, ctx) => {
      const customerId = String(input.customerId.id);
      const context = input.context && typeof input.context === 'object' ? (input.context as Record<string, unknown>) : {};
      const created = await ctx.routing.enqueue(
        { customerId, queueId: String(input.queueId.id), channel: input.channel, priority: input.priority ?? undefined, subject: input.subject ?? null, context },
        ctx.principal.kind === 'user' ? { type: 'user', id: ctx.principal.userId } : ctx.principal.kind === 'apiKey' ? { type: 'api_key', id: ctx.principal.keyId } : undefined,
      );
      if (!created.ok) throw created.reason === 'no_such_customer' ? new NotFoundError('Customer') : created.reason === 'no_such_queue' ? new NotFoundError('Queue') : new ChannelNotServedError(input.channel);
      return { interaction: created.interaction };
    },
  }),
);

builder.subscriptionField('interactionUpdated', (t) =>
  t.field({
    type: Interaction,
    description: 'The interaction as it is now, then each time its status, offers or messages change.',
    authScopes: { user: true, apiScope: 'interactions:read' },
    args: { id: t.arg.globalID({ description: 'Global id of the interaction to watch.', required: true, for: [Interaction] }) },
    subscribe: async (_r, { id }, ctx) => {
      await assertCanSubscribeToInteraction(ctx, String(id.id));
      return startingWith(async () => [{ interactionId: String(id.id) }], ctx.pubsub.subscribe('interactionUpdated', String(id.id)));
    },
    resolve: async (payload, _a, ctx) => (await getInteraction(ctx.db, String(payload.interactionId)))!,
  }),
);
