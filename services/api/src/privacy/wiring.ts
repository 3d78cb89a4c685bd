import type { Client } from '@temporalio/client';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Db } from '@cc/db/database';
import type { TwilioClient } from '@cc/channels/twilio/client';
import { logger } from '@cc/core/logger';
import { createPathSigner } from '../media/signed-urls';
import type { WorkflowStartRelay } from '../routing/workflow-starts';
import { createPrivacyActivities } from './activities';
import type { PrivacyDeps } from './deps';
import { createRecordSealer } from './sealed-records';

export interface PrivacyFeature {
  deps: PrivacyDeps;
  activities: ReturnType<typeof createPrivacyActivities>;
}

/** Data protection's parts, built once by the composition root. */
export function createPrivacyFeature(options: { db: Db; clock: () => Date; secret: string; exportsDir: string; relay: WorkflowStartRelay; twilio: TwilioClient | null }): PrivacyFeature {
  const deps: PrivacyDeps = {
    db: options.db,
    clock: options.clock,
    sealer: createRecordSealer(options.secret),
    exportsDir: options.exportsDir,
    exportLinks: createPathSigner(options.secret, { purpose: 'cc/data-export/v1', prefix: '/exports/' }),
    relay: options.relay,
    twilio: options.twilio,
  };
  return { deps, activities: createPrivacyActivities(deps) };
}

/** The daily retention purge (03:30 UTC), created once per Temporal namespace; an existing schedule is left as it is. */
export async function ensureRetentionSchedule(temporal: Client, taskQueue: string): Promise<void> {
  try {
    await temporal.schedule.create({
      scheduleId: 'retention-purge',
      spec: { calendars: [{ hour: 3, minute: 30 }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      action: { type: 'startWorkflow', workflowType: 'retentionWorkflow', workflowId: 'retention-scheduled', taskQueue, args: [{ dryRun: false }] },
    });
  } catch (e) {
    if (e instanceof ScheduleAlreadyRunning) return;
    logger({ component: 'retention' }).warn({ err: e }, 'the retention schedule could not be created; purges run only when started by hand');
  }
}
