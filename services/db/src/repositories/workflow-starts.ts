import { sql } from 'kysely';
import type { Db } from '../database';
import type { WorkflowStart } from '../tables/workflow-starts';

export interface NewWorkflowStart {
  workflowId: string;
  workflowType: string;
  args: unknown[];
  /** Signal-with-start: the signal delivered with (or to an already running) workflow. */
  signal?: { name: string; args: unknown[] } | null;
}

/**
 * Records a start owed to Temporal; call inside the transaction that makes the workflow's reason
 * true. With `claimedUntil`, the row is born claimed by the writer, who starts it itself right
 * after commit (no claim statement); other relays take it only once that lapses.
 */
export async function addWorkflowStart(db: Db, start: NewWorkflowStart, options: { claimedUntil?: Date } = {}): Promise<WorkflowStart> {
  return db
    .insertInto('workflow_starts')
    .values({
      workflow_id: start.workflowId,
      workflow_type: start.workflowType,
      args: JSON.stringify(start.args),
      signal_name: start.signal?.name ?? null,
      signal_args: start.signal ? JSON.stringify(start.signal.args) : null,
      ...(options.claimedUntil ? { claimed_until: options.claimedUntil } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Takes up to `limit` unclaimed (or lapsed) starts for `leaseMs`, oldest first, optionally only
 * `ids` or one workflow's (`includeClaimed`: even rows another relay holds, for a start that must
 * happen now; starting twice is harmless): concurrent relays (several processes) never take the same row at once.
 */
export async function claimWorkflowStarts(
  db: Db,
  input: { now: Date; leaseMs: number; limit: number; ids?: readonly string[]; workflowId?: string; includeClaimed?: boolean },
): Promise<WorkflowStart[]> {
  if (input.ids && input.ids.length === 0) return [];
  const until = new Date(input.now.getTime() + input.leaseMs);
  return db
    .updateTable('workflow_starts')
    .set({ claimed_until: until })
    .where('id', 'in', (q) => {
      let candidates = q.selectFrom('workflow_starts').select('id');
      if (!input.includeClaimed) candidates = candidates.where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', input.now)]));
      if (input.ids) candidates = candidates.where('id', 'in', [...input.ids]);
      if (input.workflowId) candidates = candidates.where('workflow_id', '=', input.workflowId);
      return candidates.orderBy('id').limit(input.limit).forUpdate().skipLocked();
    })
    .returningAll()
    .execute();
}

/** Temporal has them (started, or already running): the rows are done. */
export async function completeWorkflowStarts(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('workflow_starts').where('id', 'in', [...ids]).execute();
}

/** Claims given up (a relay stopping with rows it owned): any relay's next sweep takes them. */
export async function releaseWorkflowStarts(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('workflow_starts').set({ claimed_until: null }).where('id', 'in', [...ids]).execute();
}

/** Temporal could not be reached or refused: retried once `retryAt` passes. */
export async function failWorkflowStart(db: Db, input: { id: string; error: string; retryAt: Date }): Promise<void> {
  await db
    .updateTable('workflow_starts')
    .set({ claimed_until: input.retryAt, attempts: sql<number>`attempts + 1`, last_error: input.error.slice(0, 1000) })
    .where('id', '=', input.id)
    .execute();
}

/** How many starts are still owed (readiness, tests). */
export async function countWorkflowStarts(db: Db): Promise<number> {
  const row = await db.selectFrom('workflow_starts').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
