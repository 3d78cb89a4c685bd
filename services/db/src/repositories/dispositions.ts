import type { Db } from '../database';
import type { Interaction } from '../tables/interactions';
import type { Disposition } from '../tables/reports';
import { recordInteractionEvent } from './interaction-events';
import { inTransaction, type Refusal } from './transaction';

/** A queue's wrap-up codes, active first, by code. */
export function listDispositions(db: Db, queueIds: readonly string[], includeRetired = false): Promise<Disposition[]> {
  if (queueIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('dispositions')
    .selectAll()
    .where('queue_id', 'in', [...queueIds])
    .$if(!includeRetired, (q) => q.where('active', '=', true))
    .orderBy('active', 'desc')
    .orderBy('code')
    .execute();
}

export function getDispositions(db: Db, ids: readonly string[]): Promise<Disposition[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('dispositions').selectAll().where('id', 'in', [...ids]).execute();
}

/** Adds a code to a queue, or changes the label / retires or restores the code it already has. */
export async function saveDisposition(
  db: Db,
  input: { queueId: string; code: string; label: string; active: boolean },
): Promise<{ ok: true; disposition: Disposition } | Refusal<'no_such_queue'>> {
  return inTransaction(db, async (trx) => {
    const queue = await trx.selectFrom('queues').select('id').where('id', '=', input.queueId).executeTakeFirst();
    if (!queue) return { ok: false, reason: 'no_such_queue' };
    const disposition = await trx
      .insertInto('dispositions')
      .values({ queue_id: input.queueId, code: input.code, label: input.label, active: input.active })
      .onConflict((oc) => oc.columns(['queue_id', 'code']).doUpdateSet({ label: input.label, active: input.active }))
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ok: true, disposition };
  });
}

/**
 * The agent who holds (or held) an interaction records its wrap-up code: while assigned, in wrap-up,
 * or after it closed. The code must be an active one of the interaction's queue. On the timeline in
 * the same transaction; the report triggers move it in the rollups.
 */
export function setInteractionDisposition(
  db: Db,
  change: { interactionId: string; /** Null: not a well-formed id (refused as no_such_disposition, after the holder check). */ dispositionId: string | null; agentId: string; now: Date },
): Promise<{ ok: true; interaction: Interaction; disposition: Disposition } | Refusal<'not_found' | 'not_yours' | 'wrong_status' | 'no_such_disposition'>> {
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('interactions').selectAll().where('id', '=', change.interactionId).forUpdate().executeTakeFirst();
    if (!current) return { ok: false, reason: 'not_found' };
    if (current.assigned_agent_id !== change.agentId) return { ok: false, reason: 'not_yours' };
    if (!['assigned', 'wrap_up', 'closed', 'transferred'].includes(current.status)) return { ok: false, reason: 'wrong_status' };
    if (change.dispositionId === null) return { ok: false, reason: 'no_such_disposition' };
    const disposition = await trx
      .selectFrom('dispositions')
      .selectAll()
      .where('id', '=', change.dispositionId)
      .where('queue_id', '=', current.queue_id)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!disposition) return { ok: false, reason: 'no_such_disposition' };
    const interaction = await trx
      .updateTable('interactions')
      .set({ disposition_id: disposition.id })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordInteractionEvent(trx, {
      interactionId: current.id,
      type: 'disposition_set',
      actor: { type: 'user', id: change.agentId },
      data: { dispositionId: disposition.id, code: disposition.code, label: disposition.label, previousDispositionId: current.disposition_id },
      at: change.now,
    });
    return { ok: true, interaction, disposition };
  });
}
