import { recordAuditEvent } from '@cc/db/repositories/audit';
import { createQueue as createQueueRow, getQueue, updateQueue as updateQueueRow, type NewQueue, type QueueChanges } from '@cc/db/repositories/queues';
import { inTransaction } from '@cc/db/repositories/transaction';
import type { Queue } from '@cc/db/tables/queues';
import type { RoutingDeps } from './deps';
import { asSettingError, InvalidRoutingSettingError, NotFoundError } from './errors';

/** Overflow as a supervisor gives it: both the queue and the seconds, or neither (null on update: stop overflowing). */
export interface OverflowSetting {
  overflowQueueId?: string | null;
  overflowAfterSeconds?: number | null;
}

/** Overflow needs both the queue and the seconds (or neither), and the queue must exist. */
async function checkOverflow(deps: RoutingDeps, input: OverflowSetting): Promise<void> {
  if ((input.overflowQueueId == null) !== (input.overflowAfterSeconds == null)) {
    throw new InvalidRoutingSettingError('Set both the overflow queue and the seconds after which to overflow, or neither.');
  }
  if (input.overflowQueueId && !(await getQueue(deps.db, input.overflowQueueId))) throw new NotFoundError('The overflow queue');
}

/** Creates a queue; unset settings take their defaults. Throws InvalidRoutingSettingError | NotFoundError (the overflow queue). */
export async function createQueue(deps: RoutingDeps, input: Omit<NewQueue, 'overflow'> & OverflowSetting & { actorId?: string | null }): Promise<{ queue: Queue }> {
  const { overflowQueueId, overflowAfterSeconds, actorId, ...settings } = input;
  await checkOverflow(deps, input);
  try {
    const queue = await inTransaction(deps.db, async (trx) => {
      const row = await createQueueRow(trx, { ...settings, overflow: overflowQueueId ? { queueId: overflowQueueId, afterSeconds: overflowAfterSeconds! } : null });
      await recordAuditEvent(trx, { actorType: 'user', actorId: actorId ?? null, action: 'queue.created', subjectType: 'queue', subjectId: row.id, data: { name: row.name } });
      return row;
    });
    return { queue };
  } catch (e) {
    throw asSettingError(e);
  }
}

/**
 * Changes the settings given (undefined = unchanged) and audits the change in the same
 * transaction; the queue's watchers refresh. Throws NotFoundError | InvalidRoutingSettingError.
 */
export async function updateQueue(
  deps: RoutingDeps,
  input: { queueId: string; actorId: string | null; changes: Omit<QueueChanges, 'overflow'> & OverflowSetting },
): Promise<{ queue: Queue }> {
  const id = input.queueId;
  const { overflowQueueId, overflowAfterSeconds, ...settings } = input.changes;
  if (!(await getQueue(deps.db, id))) throw new NotFoundError('Queue');
  await checkOverflow(deps, input.changes);
  const overflowGiven = overflowQueueId !== undefined || overflowAfterSeconds !== undefined;
  const changes: QueueChanges = { ...settings, overflow: !overflowGiven ? undefined : overflowQueueId ? { queueId: overflowQueueId, afterSeconds: overflowAfterSeconds! } : null };
  let queue: Queue | undefined;
  try {
    queue = await inTransaction(deps.db, async (trx) => {
      const updated = await updateQueueRow(trx, id, changes);
      if (updated) {
        await recordAuditEvent(trx, { actorType: 'user', actorId: input.actorId, action: 'queue.updated', subjectType: 'queue', subjectId: id, data: { ...changes } });
      }
      return updated;
    });
  } catch (e) {
    throw asSettingError(e);
  }
  if (!queue) throw new NotFoundError('Queue');
  deps.settingsEvents.queueChanged(id);
  return { queue };
}
