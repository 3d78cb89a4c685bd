import { ActivityFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { PrivacyActivities, TwilioErasureInput } from '../activities/privacy';

const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m' };
const acts = proxyActivities<PrivacyActivities>({ startToCloseTimeout: '1m', retry });
// Deleting at Twilio is retried for a day while Twilio cannot be reached.
const twilio = proxyActivities<PrivacyActivities>({ startToCloseTimeout: '30s', scheduleToCloseTimeout: '24h', retry });
// A package of a customer with years of history: minutes, not seconds; a worker that dies restarts it.
const builder = proxyActivities<PrivacyActivities>({ startToCloseTimeout: '30m', retry: { ...retry, maximumAttempts: 5 } });
/** Must match retentionBatchSize in activities/privacy.ts (workflow code imports activities as types only). */
const batchSize = 500;

/** Workflow `erase-twilio-<customerId>`: deletes what Twilio keeps of an erased customer, one resource at a time. */
export async function twilioErasureWorkflow(input: TwilioErasureInput): Promise<{ deleted: number; failed: number }> {
  let deleted = 0;
  let failed = 0;
  for (const resource of input.resources) {
    try {
      const outcome = await twilio.deleteTwilioResource(resource);
      if (outcome === 'failed') failed++;
      else deleted++;
    } catch (e) {
      if (!(e instanceof ActivityFailure)) throw e;
      failed++;
    }
  }
  await acts.twilioErasureFinished({ customerId: input.customerId, deleted, failed });
  return { deleted, failed };
}

/** Workflow `data-export-<id>`: builds the subject-access package, keeps it `keepMs`, then removes it. */
export async function dataExportWorkflow(input: { exportId: string; keepMs: number }): Promise<string> {
  try {
    await builder.buildDataExport(input.exportId);
  } catch (e) {
    if (!(e instanceof ActivityFailure)) throw e;
    await acts.failDataExport(input.exportId, e.cause?.message ?? e.message);
    return 'failed';
  }
  await sleep(input.keepMs);
  await acts.expireDataExport(input.exportId);
  return 'expired';
}

/**
 * Workflow `retention-<…>` (the daily schedule `retention-purge`, or an admin's run): every class
 * with a period, batch after batch until nothing is due. Each batch commits on its own, so a run
 * cut short (worker gone) resumes with what is left; a dry run only counts.
 */
export async function retentionWorkflow(input: { dryRun: boolean; runId?: string }): Promise<string> {
  const run = await acts.startRetentionRun({ dryRun: input.dryRun, runId: input.runId });
  for (const c of run.classes) {
    for (;;) {
      const n = await acts.retentionBatch({ runId: run.runId, dataClass: c.dataClass, cutoff: c.cutoff, dryRun: input.dryRun });
      if (input.dryRun || n < batchSize) break;
    }
  }
  await acts.finishRetentionRun(run.runId);
  return run.runId;
}
