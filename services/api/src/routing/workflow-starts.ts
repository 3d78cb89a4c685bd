import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client, type SignalDefinition } from '@temporalio/client';
import type { Db } from '@cc/db/database';
import { claimWorkflowStarts, completeWorkflowStarts, failWorkflowStart, releaseWorkflowStarts } from '@cc/db/repositories/workflow-starts';
import type { WorkflowStart } from '@cc/db/tables/workflow-starts';
import { logger } from '@cc/core/logger';

/**
 * Relays workflow starts written to the `workflow_starts` outbox (in the transaction that made
 * them owed) to Temporal, so a request never waits for Temporal and a start is never lost: woken
 * at once after a commit in this process, plus a periodic sweep for rows a crashed process (or a
 * Temporal outage) left. Idempotent by workflow id: "already started" counts as done.
 */
export interface WorkflowStartRelay {
  /** Rows just committed by this process: start them now. */
  wake(ids: readonly string[]): void;
  /**
   * Until when a row written now is this relay's (`addWorkflowStart`'s `claimedUntil`): the hot
   * paths (arrivals) write their rows born claimed and hand them to `startOwned` after commit,
   * a statement less than claiming them by id.
   */
  claimForNewRow(): Date;
  /** Rows committed born claimed by this relay: start them now. */
  startOwned(rows: readonly WorkflowStart[]): void;
  /** Starts whatever is owed for `workflowId` now (a signal found no workflow yet); true if any was. */
  flush(workflowId: string): Promise<boolean>;
  /** One sweep over every due row (also run on a timer); resolves when done. */
  sweep(): Promise<void>;
  /** Begins the periodic sweep (one at once). */
  start(): void;
  stop(): Promise<void>;
}

/** How long a claimed row is left to the relay that took it before another may take it. */
const leaseMs = 30_000;
const batch = 100;

export function createWorkflowStartRelay(deps: { db: Db; temporal: Client; taskQueue: string; clock: () => Date; sweepMs: number }): WorkflowStartRelay {
  const pending = new Set<string>();
  const owned: WorkflowStart[] = [];
  let draining: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const inFlight = new Set<Promise<unknown>>();

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  };

  /** True when Temporal has it (the row is then done); false when it is left for a retry. */
  async function startOne(row: WorkflowStart): Promise<boolean> {
    try {
      if (row.signal_name) {
        await deps.temporal.workflow.signalWithStart(row.workflow_type, {
          workflowId: row.workflow_id,
          taskQueue: deps.taskQueue,
          args: row.args,
          signal: row.signal_name,
          signalArgs: row.signal_args ?? [],
        });
      } else {
        await deps.temporal.workflow.start(row.workflow_type, { workflowId: row.workflow_id, taskQueue: deps.taskQueue, args: row.args });
      }
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) {
        const retryAt = new Date(deps.clock().getTime() + Math.min(30_000, 500 * 2 ** Math.min(row.attempts, 6)));
        logger().warn({ err: e, workflowId: row.workflow_id, attempts: row.attempts + 1 }, 'workflow start failed; retried later');
        await failWorkflowStart(deps.db, { id: row.id, error: e instanceof Error ? e.message : String(e), retryAt });
        return false;
      }
    }
    return true;
  }

  async function run(rows: WorkflowStart[]): Promise<void> {
    const started = await Promise.all(
      rows.map((row) =>
        startOne(row).catch((e: unknown) => {
          logger().error({ err: e, workflowId: row.workflow_id }, 'workflow start relay failed');
          return false;
        }),
      ),
    );
    // One statement for the batch; a row left behind by a crash here is started again (a no-op) by the sweep.
    await completeWorkflowStarts(
      deps.db,
      rows.filter((_, k) => started[k]).map((r) => r.id),
    );
  }

  async function drain(): Promise<void> {
    while ((pending.size > 0 || owned.length > 0) && !stopped) {
      if (owned.length > 0) {
        await run(owned.splice(0, batch));
        continue;
      }
      const ids = [...pending].slice(0, batch);
      ids.forEach((id) => pending.delete(id));
      // Rows not yet visible (an enclosing transaction still open) are left to the sweep.
      await run(await claimWorkflowStarts(deps.db, { now: deps.clock(), leaseMs, limit: batch, ids }));
    }
  }

  const sweep = async () => {
    for (;;) {
      const rows = await claimWorkflowStarts(deps.db, { now: deps.clock(), leaseMs, limit: batch });
      await run(rows);
      if (rows.length < batch || stopped) return;
    }
  };

  const tick = () => {
    if (stopped) return;
    void track(sweep())
      .catch((e: unknown) => logger().warn({ err: e }, 'workflow start sweep failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, deps.sweepMs);
      });
  };

  return {
    wake(ids) {
      if (stopped) return;
      ids.forEach((id) => pending.add(id));
      draining ??= track(
        drain()
          .catch((e: unknown) => logger().warn({ err: e }, 'workflow start relay failed; the sweep retries'))
          .finally(() => {
            draining = null;
            // Woken while the last claim ran.
            if ((pending.size > 0 || owned.length > 0) && !stopped) this.wake([]);
          }),
      );
    },
    claimForNewRow: () => new Date(deps.clock().getTime() + leaseMs),
    startOwned(rows) {
      // Stopping: given up at once, so the next sweep (here or in another process) need not wait out the lease.
      if (stopped) {
        void track(releaseWorkflowStarts(deps.db, rows.map((r) => r.id))).catch((e: unknown) => logger().warn({ err: e }, 'releasing owned workflow starts failed; they wait out their lease'));
        return;
      }
      owned.push(...rows);
      this.wake([]);
    },
    async flush(workflowId) {
      const rows = await claimWorkflowStarts(deps.db, { now: deps.clock(), leaseMs, limit: batch, workflowId, includeClaimed: true });
      await run(rows);
      return rows.length > 0;
    },
    sweep,
    start() {
      if (timer || stopped) return;
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...inFlight]);
      await releaseWorkflowStarts(deps.db, owned.splice(0).map((r) => r.id)).catch(() => {});
    },
  };
}

/**
 * Signals a workflow, first starting it if its start is still owed (the outbox relay had not run
 * yet): a signal never fails for a workflow whose interaction is committed.
 */
export async function signalWorkflow<Args extends unknown[]>(
  deps: { temporal: Client; relay: WorkflowStartRelay },
  workflowId: string,
  signal: SignalDefinition<Args>,
  ...args: Args
): Promise<void> {
  try {
    await deps.temporal.workflow.getHandle(workflowId).signal(signal, ...args);
  } catch (e) {
    if (!(e instanceof WorkflowNotFoundError) || !(await deps.relay.flush(workflowId))) throw e;
    await deps.temporal.workflow.getHandle(workflowId).signal(signal, ...args);
  }
}
