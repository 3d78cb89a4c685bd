import type { Db } from '../database';
import type { Interaction } from '../tables/interactions';
import { recordInteractionEvent, systemActor } from './interaction-events';
import { inTransaction, type Refusal } from './transaction';

/**
 * SLA escalation: an interaction still waiting past its queue's service-level threshold is served
 * ahead of same-priority contacts (priority + `by`). Only waiting (`queued`) interactions move.
 */
export function raiseInteractionPriority(
  db: Db,
  change: { interactionId: string; by: number; now: Date },
): Promise<{ ok: true; interaction: Interaction } | Refusal<'not_found' | 'wrong_status'>> {
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('interactions').selectAll().where('id', '=', change.interactionId).forUpdate().executeTakeFirst();
    if (!current) return { ok: false, reason: 'not_found' };
    if (current.status !== 'queued' && current.status !== 'offered') return { ok: false, reason: 'wrong_status' };
    const interaction = await trx
      .updateTable('interactions')
      .set({ priority: current.priority + change.by })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordInteractionEvent(trx, {
      interactionId: current.id,
      type: 'priority_raised',
      actor: systemActor,
      data: { from: current.priority, to: interaction.priority, reason: 'sla_threshold_passed' },
      at: change.now,
    });
    return { ok: true, interaction };
  });
}
