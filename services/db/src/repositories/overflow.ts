import type { Db } from '../database';
import type { Interaction } from '../tables/interactions';
import { recordInteractionEvent, systemActor } from './interaction-events';
import { inTransaction, type Refusal } from './transaction';

/**
 * SLA escalation for an interaction still waiting past its queue's overflow threshold: it moves to
 * the overflow queue (keeping its place in time: `enqueued_at` is unchanged, so it is served ahead
 * of newer contacts there) and never drops below its priority; with no overflow queue configured
 * it stays and its priority rises by one. Only `queued` interactions move: an open offer runs out first.
 */
export function overflowInteraction(
  db: Db,
  change: { interactionId: string; now: Date },
): Promise<{ ok: true; interaction: Interaction; movedTo: string | null } | Refusal<'not_found' | 'wrong_status'>> {
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('interactions').selectAll().where('id', '=', change.interactionId).forUpdate().executeTakeFirst();
    if (!current) return { ok: false, reason: 'not_found' };
    if (current.status !== 'queued') return { ok: false, reason: 'wrong_status' };
    const queue = await trx.selectFrom('queues').select(['overflow_queue_id']).where('id', '=', current.queue_id).executeTakeFirstOrThrow();
    const target = queue.overflow_queue_id
      ? await trx.selectFrom('queues').select(['id', 'priority', 'channels']).where('id', '=', queue.overflow_queue_id).executeTakeFirst()
      : undefined;
    const moves = target !== undefined && target.channels.includes(current.channel);
    const interaction = await trx
      .updateTable('interactions')
      .set(moves ? { queue_id: target.id, priority: Math.max(current.priority, target.priority) } : { priority: current.priority + 1 })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordInteractionEvent(trx, {
      interactionId: current.id,
      type: 'overflowed',
      actor: systemActor,
      data: { fromQueueId: current.queue_id, toQueueId: interaction.queue_id, priority: interaction.priority },
      at: change.now,
    });
    return { ok: true, interaction, movedTo: moves ? target.id : null };
  });
}
