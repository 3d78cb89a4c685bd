import { ApplicationFailure } from '@temporalio/common';
import { deleteTwilioResource } from '@cc/channels/twilio/erase';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import {
  addRetentionRunCount,
  clearRecording,
  countDue,
  dueRecordings,
  finishRetentionRun,
  listRetentionSettings,
  purgeBatch,
  setRetentionPeriod,
  startRetentionRun,
  type PurgeableClass,
} from '@cc/db/repositories/retention';
import { inTransaction } from '@cc/db/repositories/transaction';
import { addWorkflowStart } from '@cc/db/repositories/workflow-starts';
import type { Db } from '@cc/db/database';
import type { RetentionClass, RetentionRun, RetentionSetting } from '@cc/db/tables/data-protection';
import { retentionBatchSize, twilioUnreachableFailure } from '@cc/workflows/activities/privacy';
import type { Principal } from '../context';
import { auditActor } from './audit-log';
import type { PrivacyDeps } from './deps';
import { AuditRetentionTooShortError } from './errors';

/**
 * The classes with a period and the instant before which their data is due, as of `now`. Blocked
 * records always take part: each carries its own end (keep_until, set when it was blocked from the
 * `blocked` period or the 5-year default), due once it passed.
 */
export async function retentionPlan(db: Db, now: Date): Promise<{ dataClass: PurgeableClass; cutoff: Date }[]> {
  const periods = (await listRetentionSettings(db))
    .filter((s): s is RetentionSetting & { days: number } => s.days !== null && s.data_class !== 'blocked')
    .map((s) => ({ dataClass: s.data_class as PurgeableClass, cutoff: new Date(now.getTime() - s.days * 86_400_000) }));
  return [...periods, { dataClass: 'blocked', cutoff: now }];
}

/** An admin sets how long one class of data is kept (null: until set); audited in the same transaction. */
export async function setRetention(deps: Pick<PrivacyDeps, 'db' | 'clock'>, principal: Principal, input: { dataClass: RetentionClass; days: number | null }): Promise<RetentionSetting> {
  if (input.dataClass === 'audit' && input.days !== null && input.days < 365) throw new AuditRetentionTooShortError();
  return inTransaction(deps.db, async (trx) => {
    const setting = await setRetentionPeriod(trx, { dataClass: input.dataClass, days: input.days, userId: principal.kind === 'user' ? principal.userId : null, now: deps.clock() });
    await recordAuditEvent(trx, { ...auditActor(principal), action: 'retention.period_set', subjectType: 'retention_class', subjectId: input.dataClass, data: { days: input.days } });
    return setting;
  });
}

export function openRetentionRun(deps: Pick<PrivacyDeps, 'db' | 'clock'>, dryRun: boolean): Promise<RetentionRun> {
  const now = deps.clock();
  return startRetentionRun(deps.db, { dryRun, asOf: now, now });
}

/** An admin's dry run: counted at once, in this process (nothing is removed). Audited. */
export async function dryRunRetention(deps: PrivacyDeps, principal: Principal): Promise<RetentionRun> {
  const run = await runRetentionNow(deps, true);
  await recordAuditEvent(deps.db, { ...auditActor(principal), action: 'retention.dry_run', subjectType: 'retention_run', subjectId: run.id, data: { counts: run.counts } });
  return run;
}

/** An admin's purge now: the run, its audit entry and its workflow (outbox) commit together. */
export async function startRetentionPurge(deps: PrivacyDeps, principal: Principal): Promise<RetentionRun> {
  const { run, startId } = await inTransaction(deps.db, async (trx) => {
    const run = await openRetentionRun({ db: trx, clock: deps.clock }, false);
    const start = await addWorkflowStart(trx, { workflowId: `retention-${run.id}`, workflowType: 'retentionWorkflow', args: [{ dryRun: false, runId: run.id }] });
    await recordAuditEvent(trx, { ...auditActor(principal), action: 'retention.run_started', subjectType: 'retention_run', subjectId: run.id });
    return { run, startId: start.id };
  });
  deps.relay.wake([startId]);
  return run;
}

/**
 * One batch of one class: a dry run counts everything due; a real one removes up to a batch. A
 * recording is deleted at Twilio first and forgotten here only once Twilio no longer has it.
 */
export async function retentionBatch(deps: PrivacyDeps, input: { runId: string; dataClass: PurgeableClass; cutoff: Date; dryRun: boolean }): Promise<number> {
  let n: number;
  if (input.dryRun) n = await countDue(deps.db, input.dataClass, input.cutoff);
  else if (input.dataClass === 'recordings') n = await purgeRecordings(deps, input.cutoff);
  else n = await purgeBatch(deps.db, input.dataClass, input.cutoff, retentionBatchSize);
  await addRetentionRunCount(deps.db, input.runId, input.dataClass, n);
  return n;
}

async function purgeRecordings(deps: PrivacyDeps, cutoff: Date): Promise<number> {
  const due = await dueRecordings(deps.db, cutoff, retentionBatchSize);
  for (const r of due) {
    if (deps.twilio && r.recording_sid) {
      const deletion = await deleteTwilioResource(deps.twilio, { kind: 'recording', sid: r.recording_sid });
      if (deletion.outcome === 'failed' && deletion.failure.kind === 'unreachable') throw ApplicationFailure.retryable(`Twilio could not be reached: ${deletion.failure.detail}`, twilioUnreachableFailure);
    }
    await clearRecording(deps.db, r.id);
  }
  return due.length;
}

/** The whole run in this process (tests, and the admin's dry run, which only counts): same steps as the workflow. */
export async function runRetentionNow(deps: PrivacyDeps, dryRun: boolean): Promise<RetentionRun> {
  const run = await openRetentionRun(deps, dryRun);
  for (const c of await retentionPlan(deps.db, run.as_of)) {
    for (;;) {
      const n = await retentionBatch(deps, { runId: run.id, dataClass: c.dataClass, cutoff: c.cutoff, dryRun });
      if (dryRun || n < retentionBatchSize) break;
    }
  }
  return finishRetentionRun(deps.db, run.id, deps.clock());
}
