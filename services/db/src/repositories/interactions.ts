import { sql } from 'kysely';
import type { Channel } from '@cc/core/channels';
import { finalInteractionStatuses, freeSlots } from '@cc/core/routing';
import type { Db } from '../database';
import type { Queue } from '../tables/queues';
import { preparedStatement } from '../prepared';
import { qualified } from '../tables/columns';
import { interactionColumns, type Interaction } from '../tables/interactions';
import type { Offer } from '../tables/offers';
import { agentLoads } from './agent-load';
import { recordInteractionEvent, systemActor, type Actor } from './interaction-events';
import { makeOffer } from './matching';
import { inTransaction, type Refusal } from './transaction';

export interface NewInteraction {
  customerId: string;
  queueId: string;
  channel: Channel;
  /** Defaults to the queue's priority. */
  priority?: number;
  subject?: string | null;
  context?: Record<string, unknown>;
  transferredFromId?: string | null;
}

/**
 * Puts a new interaction in its queue (status `queued`, waiting since `now`). Whether the queue is
 * open is the caller's decision (`isQueueOpen`): a closed queue may still take email.
 */
export async function createInteraction(
  db: Db,
  input: NewInteraction,
  now: Date,
  actor: Actor = systemActor,
): Promise<{ ok: true; interaction: Interaction; queue: Queue } | Refusal<'no_such_queue' | 'channel_not_served'>> {
  // One statement (one round trip on the arrival path): the interaction, if its queue exists and
  // serves its channel, its `enqueued` timeline event, and the queue (which the arrival's routing
  // plan needs) beside it. An unknown customer fails the insert's foreign key.
  const { rows } = await sql<Interaction & { queue_row: Queue }>`${preparedStatement}
    WITH q AS (
      SELECT * FROM queues WHERE id = ${input.queueId} AND ${input.channel} = ANY(channels)
    ), i AS (
      INSERT INTO interactions (channel, customer_id, queue_id, priority, status, transferred_from_id, subject, context, enqueued_at)
      SELECT ${input.channel}, ${input.customerId}, q.id, coalesce(${input.priority ?? null}::int, q.priority), 'queued',
             ${input.transferredFromId ?? null}::uuid, ${input.subject ?? null}, ${JSON.stringify(input.context ?? {})}::jsonb, ${now}
      FROM q
      RETURNING *
    ), e AS (
      INSERT INTO interaction_events (interaction_id, type, actor_type, actor_id, data, created_at)
      SELECT i.id, 'enqueued', ${actor.type}, ${actor.id},
             jsonb_build_object('queueId', i.queue_id, 'channel', i.channel, 'priority', i.priority, 'transferredFromId', i.transferred_from_id), ${now}
      FROM i
    )
    SELECT ${qualified('i', interactionColumns)}, to_jsonb(q) AS queue_row FROM i, q`.execute(db);
  const row = rows[0];
  if (row) {
    const { queue_row: queue, ...interaction } = row;
    return { ok: true, interaction, queue: { ...queue, created_at: new Date(queue.created_at) } };
  }
  const queue = await db.selectFrom('queues').select('id').where('id', '=', input.queueId).executeTakeFirst();
  return { ok: false, reason: queue ? 'channel_not_served' : 'no_such_queue' };
}

export function getInteraction(db: Db, id: string): Promise<Interaction | undefined> {
  return db.selectFrom('interactions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Interactions by id, in no particular order; unknown ids are left out. */
export function getInteractions(db: Db, ids: readonly string[]): Promise<Interaction[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('interactions').selectAll().where('id', 'in', ids).execute();
}

/** The customer's live (not yet ended) interaction on a channel, newest first: where a new inbound message belongs. */
export function findOpenInteraction(db: Db, customerId: string, channel: Channel): Promise<Interaction | undefined> {
  return db
    .selectFrom('interactions')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('channel', '=', channel)
    .where('status', 'not in', finalInteractionStatuses)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The interaction locked for this transaction, waiting for anyone changing it now. */
function lockInteraction(trx: Db, id: string): Promise<Interaction | undefined> {
  return trx.selectFrom('interactions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

async function cancelOpenOffer(trx: Db, interactionId: string, now: Date): Promise<Offer | undefined> {
  return trx
    .updateTable('offers')
    .set({ outcome: 'cancelled', decided_at: now })
    .where('interaction_id', '=', interactionId)
    .where('outcome', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export type InteractionChange = { ok: true; interaction: Interaction } | Refusal<'not_found' | 'not_yours' | 'wrong_status'>;

/**
 * The customer left while waiting (queued or offered); an open offer is cancelled and returned.
 * `evenIfAssigned`: also an assigned one whose agent was never connected (a call hung up before
 * the bridge), which frees the agent's slot.
 */
export function abandonInteraction(
  db: Db,
  change: { interactionId: string; now: Date; actor?: Actor; evenIfAssigned?: boolean },
): Promise<{ ok: true; interaction: Interaction; cancelledOffer: Offer | null } | Refusal<'not_found' | 'wrong_status'>> {
  return inTransaction(db, async (trx) => {
    const current = await lockInteraction(trx, change.interactionId);
    if (!current) return { ok: false, reason: 'not_found' };
    const waiting = current.status === 'queued' || current.status === 'offered';
    if (!waiting && !(change.evenIfAssigned && current.status === 'assigned')) return { ok: false, reason: 'wrong_status' };
    const cancelled = await cancelOpenOffer(trx, current.id, change.now);
    const interaction = await trx
      .updateTable('interactions')
      .set({ status: 'abandoned', abandoned_at: change.now })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordInteractionEvent(trx, {
      interactionId: current.id,
      type: 'abandoned',
      actor: change.actor ?? { type: 'customer', id: current.customer_id },
      data: { waitedSeconds: (change.now.getTime() - current.enqueued_at.getTime()) / 1000, cancelledOfferId: cancelled?.id ?? null },
      at: change.now,
    });
    return { ok: true, interaction, cancelledOffer: cancelled ?? null };
  });
}

/** The assigned agent finished the conversation and starts after-contact work. */
export function wrapUpInteraction(db: Db, change: { interactionId: string; agentId: string; now: Date }): Promise<InteractionChange> {
  return inTransaction(db, async (trx) => {
    const current = await lockInteraction(trx, change.interactionId);
    if (!current) return { ok: false, reason: 'not_found' };
    if (current.assigned_agent_id !== change.agentId) return { ok: false, reason: 'not_yours' };
    if (current.status !== 'assigned') return { ok: false, reason: 'wrong_status' };
    const interaction = await trx
      .updateTable('interactions')
      .set({ status: 'wrap_up', wrap_up_at: change.now })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordInteractionEvent(trx, { interactionId: current.id, type: 'wrap_up', actor: { type: 'user', id: change.agentId }, at: change.now });
    return { ok: true, interaction };
  });
}

/**
 * Ends an assigned or wrapping-up interaction. A user may only close their own; the system or the
 * customer (hanging up, closing the chat) may close any assigned one.
 */
export function closeInteraction(db: Db, change: { interactionId: string; actor: Actor; now: Date }): Promise<InteractionChange> {
  return inTransaction(db, async (trx) => {
    const current = await lockInteraction(trx, change.interactionId);
    if (!current) return { ok: false, reason: 'not_found' };
    if (change.actor.type === 'user' && current.assigned_agent_id !== change.actor.id) return { ok: false, reason: 'not_yours' };
    if (current.status !== 'assigned' && current.status !== 'wrap_up') return { ok: false, reason: 'wrong_status' };
    const interaction = await trx
      .updateTable('interactions')
      .set({ status: 'closed', closed_at: change.now })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordInteractionEvent(trx, { interactionId: current.id, type: 'closed', actor: change.actor, data: { from: current.status }, at: change.now });
    return { ok: true, interaction };
  });
}

/**
 * Moves a waiting interaction to its queue's overflow queue once it has waited
 * `overflow_after_seconds` there. It keeps its enqueued_at (the customer's real wait, and its place
 * in line) and its priority. An offered interaction is left alone until its offer ends.
 */
export function overflowInteraction(
  db: Db,
  change: { interactionId: string; now: Date },
): Promise<{ ok: true; interaction: Interaction } | Refusal<'not_found' | 'wrong_status' | 'no_overflow' | 'not_due' | 'channel_not_served'>> {
  return inTransaction(db, async (trx) => {
    const current = await lockInteraction(trx, change.interactionId);
    if (!current) return { ok: false, reason: 'not_found' };
    if (current.status !== 'queued') return { ok: false, reason: 'wrong_status' };
    const queue = await trx.selectFrom('queues').select(['overflow_queue_id', 'overflow_after_seconds']).where('id', '=', current.queue_id).executeTakeFirstOrThrow();
    if (!queue.overflow_queue_id || queue.overflow_after_seconds === null) return { ok: false, reason: 'no_overflow' };
    if (change.now.getTime() - current.enqueued_at.getTime() < queue.overflow_after_seconds * 1000) return { ok: false, reason: 'not_due' };
    const target = await trx.selectFrom('queues').select('channels').where('id', '=', queue.overflow_queue_id).executeTakeFirstOrThrow();
    if (!target.channels.includes(current.channel)) return { ok: false, reason: 'channel_not_served' };
    const interaction = await trx
      .updateTable('interactions')
      .set({ queue_id: queue.overflow_queue_id })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordInteractionEvent(trx, {
      interactionId: current.id,
      type: 'overflowed',
      actor: systemActor,
      data: { fromQueueId: current.queue_id, toQueueId: queue.overflow_queue_id },
      at: change.now,
    });
    return { ok: true, interaction };
  });
}

export type TransferTarget = { queueId: string } | { agentId: string };

export type TransferResult =
  | { ok: true; from: Interaction; interaction: Interaction; offer: Offer | null }
  | Refusal<'not_found' | 'not_yours' | 'wrong_status' | 'no_such_queue' | 'channel_not_served' | 'agent_unavailable' | 'same_agent'>;

/**
 * Hands an assigned interaction on. The current one ends as `transferred` and a new one (same
 * customer, channel, subject and context, `transferred_from_id` set) starts, so every interaction
 * is assigned at most once and each queue's figures measure its own wait. To a queue: the new one
 * waits there like any other. To an agent: it is offered to them at once, if they are available
 * with a free slot on the channel (membership is not required); refused otherwise, and nothing changes.
 */
export function transferInteraction(
  db: Db,
  change: { interactionId: string; agentId: string; to: TransferTarget; now: Date },
): Promise<TransferResult> {
  return inTransaction(db, async (trx) => {
    const current = await lockInteraction(trx, change.interactionId);
    if (!current) return { ok: false, reason: 'not_found' };
    if (current.assigned_agent_id !== change.agentId) return { ok: false, reason: 'not_yours' };
    if (current.status !== 'assigned') return { ok: false, reason: 'wrong_status' };
    const actor: Actor = { type: 'user', id: change.agentId };
    const queueId = 'queueId' in change.to ? change.to.queueId : current.queue_id;
    const queue = await trx.selectFrom('queues').select(['channels', 'priority', 'offer_timeout_seconds']).where('id', '=', queueId).executeTakeFirst();
    if (!queue) return { ok: false, reason: 'no_such_queue' };
    if (!queue.channels.includes(current.channel)) return { ok: false, reason: 'channel_not_served' };
    if ('agentId' in change.to) {
      const targetId = change.to.agentId;
      if (targetId === change.agentId) return { ok: false, reason: 'same_agent' };
      // Same capacity rule as matching: decide under the target's presence lock.
      const presence = await trx.selectFrom('agent_presence').select('status').where('agent_id', '=', targetId).forUpdate().executeTakeFirst();
      const target = await trx.selectFrom('agents').select('capacity').where('user_id', '=', targetId).executeTakeFirst();
      const load = (await agentLoads(trx, [targetId])).get(targetId) ?? {};
      if (presence?.status !== 'available' || !target || freeSlots(target.capacity, load, current.channel) === 0) {
        return { ok: false, reason: 'agent_unavailable' };
      }
    }
    const from = await trx
      .updateTable('interactions')
      .set({ status: 'transferred', closed_at: change.now })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const created = await createInteraction(
      trx,
      {
        customerId: current.customer_id,
        queueId,
        channel: current.channel,
        priority: 'queueId' in change.to ? queue.priority : current.priority,
        subject: current.subject,
        context: current.context,
        transferredFromId: current.id,
      },
      change.now,
      actor,
    );
    if (!created.ok) throw new Error(`transfer re-check failed: ${created.reason}`);
    await recordInteractionEvent(trx, {
      interactionId: current.id,
      type: 'transferred',
      actor,
      data: { toInteractionId: created.interaction.id, ...change.to },
      at: change.now,
    });
    if ('queueId' in change.to) return { ok: true, from, interaction: created.interaction, offer: null };
    const offered = await makeOffer(trx, created.interaction, change.to.agentId, queue.offer_timeout_seconds, change.now, actor, 'transfer');
    return { ok: true, from, interaction: offered.interaction, offer: offered.offer };
  });
}
