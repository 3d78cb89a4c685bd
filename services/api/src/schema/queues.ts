import { z } from 'zod';
import { filter, pipe } from 'graphql-yoga';
import { isQueueOpen, isValidTimezone, weekdays, type BusinessHours } from '@cc/core/business-hours';
import { getQueues, listQueues } from '@cc/db/repositories/queues';
import { queueStats, type QueueStats as QueueStatsRow } from '@cc/db/repositories/queue-stats';
import type { Queue as QueueRow } from '@cc/db/tables/queues';
import { builder } from '../builder';
import { assertCanSubscribe } from './subscription-auth';
import { startingWith } from './subscription-start';
import type { Context } from '../context';
import { inputErrors } from './errors';
import { ChannelEnum, SkillLevel, SkillLevelInput, fromSkillList, toSkillList } from './routing-enums';
import { InvalidRoutingSettingError, NotFoundError } from '../routing/errors';

export const QueueStats = builder.objectRef<QueueStatsRow>('QueueStats').implement({
  description: 'Live figures, defined as in TaskRouter / Amazon Connect. Service level excludes abandons before the threshold.',
  fields: (t) => ({
    queue: t.field({ type: Queue, description: 'The queue these figures are of.', resolve: (s) => s.queueId }),
    waiting: t.exposeInt('waiting', { description: 'Interactions waiting now (queued or being offered).' }),
    waitingPastTarget: t.exposeInt('waitingPastTarget', { description: 'Waiting longer than the queue’s service-level target (slaTargetSeconds): the contacts already missing it.' }),
    longestWaitSeconds: t.exposeFloat('longestWaitSeconds', { description: 'Seconds the oldest waiting interaction has waited; 0 when none waits.' }),
    serviceLevelPercent: t.exposeFloat('serviceLevelPercent', {
      nullable: true,
      description: 'Percent (0–100) of contacts since `since` answered within slaTargetSeconds; null when none counts yet.',
    }),
    slaTargetSeconds: t.exposeInt('slaTargetSeconds', { description: 'The queue’s service-level threshold, in seconds.' }),
    answered: t.exposeInt('answered', { description: 'Interactions assigned to an agent since `since`.' }),
    abandoned: t.exposeInt('abandoned', { description: 'Customers who left before being served, since `since`.' }),
    agentsAvailable: t.exposeInt('agentsAvailable', { description: 'Agents of the queue who are AVAILABLE now.' }),
    agentsStaffed: t.exposeInt('agentsStaffed', { description: 'Agents of the queue who are signed in (any presence but OFFLINE).' }),
    since: t.expose('since', { type: 'DateTime', description: 'Start of the period the counts cover: midnight today in the queue’s time zone.' }),
  }),
});

export const Queue = builder.loadableNodeRef('Queue', {
  id: { resolve: (q: QueueRow) => q.id },
  load: async (ids: string[], ctx: Context) => {
    const rows = await getQueues(ctx.db, ids);
    return ids.map((id) => rows.find((r) => r.id === id) ?? new NotFoundError('Queue'));
  },
});

Queue.implement({
  authScopes: { user: true, apiScope: 'queues:read' },
  description: 'Where interactions wait for an agent: which channels, skills, service level and hours. Signed-in users and keys with queues:read.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The queue’s name.' }),
    channels: t.field({ type: [ChannelEnum], description: 'The channels it serves.', resolve: (q) => q.channels }),
    requiredSkills: t.field({ type: [SkillLevel], description: 'Skills an agent needs (at least at these levels) to be offered its interactions.', resolve: (q) => toSkillList(q.required_skills) }),
    priority: t.exposeInt('priority', { description: 'Priority its interactions start with; higher is offered first, then first in, first out.' }),
    slaTargetSeconds: t.exposeInt('sla_target_seconds', { description: 'Service-level target: seconds within which an interaction should be answered; past it, its priority is raised.' }),
    offerTimeoutSeconds: t.exposeInt('offer_timeout_seconds', { description: 'Seconds an agent has to accept an offer before it goes to another.' }),
    overflowQueue: t.field({ type: Queue, nullable: true, description: 'Where interactions move after overflowAfterSeconds of waiting; null when they stay.', resolve: (q) => q.overflow_queue_id }),
    overflowAfterSeconds: t.exposeInt('overflow_after_seconds', { nullable: true, description: 'Seconds of waiting before moving to overflowQueue; null when there is none.' }),
    businessHours: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Opening windows per weekday in the queue’s time zone, e.g. {"mon": [{"open": "09:00", "close": "18:00"}]}; null = always open.',
      resolve: (q) => q.business_hours,
    }),
    timezone: t.exposeString('timezone', { description: 'IANA time zone of its business hours and daily figures, e.g. Europe/Madrid.' }),
    closedAutoReply: t.exposeString('closed_auto_reply', { nullable: true, description: 'Sent to customers who write while it is closed; null = no reply.' }),
    open: t.boolean({
      description: 'Whether the queue is inside its business hours now.',
      resolve: (q, _a, ctx) => isQueueOpen({ businessHours: q.business_hours, timezone: q.timezone }, ctx.clock()),
    }),
    stats: t.field({ type: QueueStats, description: 'Its live figures.', resolve: async (q, _a, ctx) => (await queueStats(ctx.db, q.id, ctx.clock()))! }),
  }),
});

builder.queryField('queues', (t) =>
  t.field({
    type: [Queue],
    description: 'Every queue. Signed-in users and keys with queues:read.',
    authScopes: { user: true, apiScope: 'queues:read' },
    resolve: (_r, _a, ctx) => listQueues(ctx.db),
  }),
);

/** Checks shared by `createQueue` and `updateQueue`. */
const queueName = z.string().trim().min(1, 'Name the queue.').max(100);
const queueChannels = z.array(z.string()).min(1, 'A queue serves at least one channel.');
const slaTarget = z.number().int().min(1).max(86_400).optional().nullable();
const offerTimeout = z.number().int().min(5, 'Give agents at least 5 seconds to answer.').max(600).optional().nullable();
const overflowAfter = z.number().int().min(1).optional().nullable();
const timezoneName = z.string().refine(isValidTimezone, 'Use an IANA time zone such as Europe/Madrid.').optional().nullable();
const autoReply = z.string().max(1600).optional().nullable();
// The shape only (JSON could be anything); the times themselves are checked with the queue (assertValidBusinessHours).
const businessHours = z
  .partialRecord(z.enum(weekdays), z.array(z.strictObject({ open: z.string(), close: z.string() })), 'Give opening windows per weekday, e.g. {"mon": [{"open": "09:00", "close": "18:00"}]}.')
  .optional()
  .nullable();

const CreateQueueInput = builder.inputType('CreateQueueInput', {
  description: 'A new queue; unset settings take their defaults.',
  fields: (t) => ({
    name: t.string({ required: true, validate: queueName }),
    channels: t.field({ type: [ChannelEnum], required: true, validate: queueChannels }),
    requiredSkills: t.field({ type: [SkillLevelInput], required: false }),
    priority: t.int({ required: false }),
    slaTargetSeconds: t.int({ required: false, validate: slaTarget }),
    offerTimeoutSeconds: t.int({ required: false, validate: offerTimeout }),
    overflowQueueId: t.globalID({ required: false, for: [Queue] }),
    overflowAfterSeconds: t.int({ required: false, validate: overflowAfter }),
    businessHours: t.field({ type: 'JSON', required: false, validate: businessHours }),
    timezone: t.string({ required: false, validate: timezoneName }),
    closedAutoReply: t.string({ required: false, validate: autoReply }),
  }),
});

const UpdateQueueInput = builder.inputType('UpdateQueueInput', {
  description: 'Only the fields given change. Overflow: give both the queue and the seconds, or both as null to stop overflowing.',
  fields: (t) => ({
    queueId: t.globalID({ required: true, for: [Queue] }),
    name: t.string({ required: false, validate: queueName.optional().nullable() }),
    channels: t.field({ type: [ChannelEnum], required: false, validate: queueChannels.optional().nullable() }),
    requiredSkills: t.field({ type: [SkillLevelInput], required: false }),
    priority: t.int({ required: false }),
    slaTargetSeconds: t.int({ required: false, validate: slaTarget }),
    offerTimeoutSeconds: t.int({ required: false, validate: offerTimeout }),
    overflowQueueId: t.globalID({ required: false, for: [Queue] }),
    overflowAfterSeconds: t.int({ required: false, validate: overflowAfter }),
    businessHours: t.field({ type: 'JSON', required: false, validate: businessHours }),
    timezone: t.string({ required: false, validate: timezoneName }),
    closedAutoReply: t.string({ required: false, validate: autoReply }),
  }),
});

const QueuePayload = builder.simpleObject('QueuePayload', {
  description: 'The queue as saved.',
  fields: (t) => ({ queue: t.field({ type: Queue, description: 'The queue with its settings now.' }) }),
});

builder.mutationField('createQueue', (t) =>
  t.field({
    type: QueuePayload,
    description: 'Supervisors: create a queue.',
    authScopes: { supervisor: true },
    errors: { types: [InvalidRoutingSettingError, NotFoundError, ...inputErrors], directResult: true, union: { name: 'CreateQueueResult' } },
    args: { input: t.arg({ type: CreateQueueInput, required: true, description: 'The queue’s settings.' }) },
    resolve: (_r, { input }, ctx) =>
      ctx.routing.createQueue({
        name: input.name.trim(),
        channels: input.channels,
        requiredSkills: fromSkillList(input.requiredSkills ?? []),
        priority: input.priority ?? undefined,
        slaTargetSeconds: input.slaTargetSeconds ?? undefined,
        offerTimeoutSeconds: input.offerTimeoutSeconds ?? undefined,
        overflowQueueId: input.overflowQueueId ? String(input.overflowQueueId.id) : input.overflowQueueId,
        overflowAfterSeconds: input.overflowAfterSeconds,
        actorId: ctx.principal.kind === 'user' ? ctx.principal.userId : null,
        businessHours: (input.businessHours as BusinessHours | null | undefined) ?? null,
        timezone: input.timezone ?? undefined,
        closedAutoReply: input.closedAutoReply ?? null,
      }),
  }),
);

builder.mutationField('updateQueue', (t) =>
  t.field({
    type: QueuePayload,
    description: 'Supervisors: change a queue’s settings.',
    authScopes: { supervisor: true },
    errors: { types: [InvalidRoutingSettingError, NotFoundError, ...inputErrors], directResult: true, union: { name: 'UpdateQueueResult' } },
    args: { input: t.arg({ type: UpdateQueueInput, required: true, description: 'The queue and the settings to change.' }) },
    resolve: (_r, { input }, ctx) =>
      ctx.routing.updateQueue({
        queueId: String(input.queueId.id),
        actorId: ctx.principal.kind === 'user' ? ctx.principal.userId : null,
        changes: {
          name: input.name?.trim() ?? undefined,
          channels: input.channels ?? undefined,
          requiredSkills: input.requiredSkills ? fromSkillList(input.requiredSkills) : undefined,
          priority: input.priority ?? undefined,
          slaTargetSeconds: input.slaTargetSeconds ?? undefined,
          offerTimeoutSeconds: input.offerTimeoutSeconds ?? undefined,
          overflowQueueId: input.overflowQueueId ? String(input.overflowQueueId.id) : input.overflowQueueId,
          overflowAfterSeconds: input.overflowAfterSeconds,
          businessHours: input.businessHours === undefined ? undefined : ((input.businessHours as BusinessHours | null) ?? null),
          timezone: input.timezone ?? undefined,
          closedAutoReply: input.closedAutoReply === undefined ? undefined : input.closedAutoReply?.trim() || null,
        },
      }),
  }),
);

builder.subscriptionField('queueStats', (t) =>
  t.field({
    type: QueueStats,
    description: 'A queue’s figures now, then each time they change (all queues when no id is given).',
    authScopes: { user: true, apiScope: 'queues:read' },
    args: { queueId: t.arg.globalID({ required: false, for: [Queue], description: 'One queue’s id; omit for every queue.' }) },
    subscribe: (_r, { queueId }, ctx) => {
      assertCanSubscribe(ctx, 'queues:read');
      const wanted = queueId ? String(queueId.id) : null;
      const live = pipe(
        ctx.pubsub.subscribe('queueStats'),
        filter((e) => wanted === null || e.queueId === wanted),
      );
      return startingWith(async () => (wanted ? [wanted] : (await listQueues(ctx.db)).map((q) => q.id)).map((id) => ({ queueId: id })), live);
    },
    resolve: async (payload, _a, ctx) => (await queueStats(ctx.db, String(payload.queueId), ctx.clock()))!,
  }),
);
