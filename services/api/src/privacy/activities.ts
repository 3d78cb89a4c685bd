import { ApplicationFailure } from '@temporalio/common';
import { deleteTwilioResource } from '@cc/channels/twilio/erase';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import { expireDataExport, failDataExport, getDataExport } from '@cc/db/repositories/data-exports';
import { finishRetentionRun, getRetentionRun, type PurgeableClass } from '@cc/db/repositories/retention';
import { twilioUnreachableFailure, type PrivacyActivities } from '@cc/workflows/activities/privacy';
import type { PrivacyDeps } from './deps';
import { buildDataExport, removeExportFile } from './export-package';
import { openRetentionRun, retentionBatch, retentionPlan } from './retention';

/** The data-protection activities the worker runs (workflows/src/workflows/privacy.ts). */
export function createPrivacyActivities(deps: PrivacyDeps): PrivacyActivities {
  return {
    async deleteTwilioResource(resource) {
      if (!deps.twilio) return 'failed';
      const deletion = await deleteTwilioResource(deps.twilio, resource);
      if (deletion.outcome !== 'failed') return deletion.outcome;
      if (deletion.failure.kind === 'unreachable') throw ApplicationFailure.retryable(`Twilio could not be reached: ${deletion.failure.detail}`, twilioUnreachableFailure);
      return 'failed';
    },
    async twilioErasureFinished({ customerId, deleted, failed }) {
      await recordAuditEvent(deps.db, { actorType: 'system', actorId: null, action: failed ? 'customer.erased.twilio_incomplete' : 'customer.erased.twilio_done', subjectType: 'customer', subjectId: customerId, data: { deleted, failed } });
    },
    async buildDataExport(exportId) {
      await buildDataExport(deps, exportId);
    },
    async failDataExport(exportId, error) {
      await failDataExport(deps.db, exportId, error, deps.clock());
    },
    async expireDataExport(exportId) {
      const exp = await getDataExport(deps.db, exportId);
      if (!exp) return;
      await removeExportFile(deps, exp.file_name);
      await expireDataExport(deps.db, exportId);
    },
    async startRetentionRun({ dryRun, runId }) {
      const run = (runId && (await getRetentionRun(deps.db, runId))) || (await openRetentionRun(deps, dryRun));
      const plan = await retentionPlan(deps.db, run.as_of);
      return { runId: run.id, classes: plan.map((c) => ({ dataClass: c.dataClass, cutoff: c.cutoff.toISOString() })) };
    },
    async retentionBatch(input) {
      return retentionBatch(deps, { runId: input.runId, dataClass: input.dataClass as PurgeableClass, cutoff: new Date(input.cutoff), dryRun: input.dryRun });
    },
    async finishRetentionRun(runId) {
      if ((await getRetentionRun(deps.db, runId))?.finished_at) return;
      await finishRetentionRun(deps.db, runId, deps.clock());
    },
  };
}
