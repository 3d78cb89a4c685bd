import { proxyActivities } from '@temporalio/workflow';
import type { ReportActivities } from '../activities/reports';

// A relay away for a while is retried for the rest of the hour; the next run picks up what is left.
const acts = proxyActivities<ReportActivities>({ startToCloseTimeout: '10m', scheduleToCloseTimeout: '55m', retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5m' } });

/** Workflow `scheduled-reports` (the hourly schedule `scheduled-reports`): mails the reports that are due. */
export async function scheduledReportsWorkflow(): Promise<number> {
  return acts.sendDueReports();
}
