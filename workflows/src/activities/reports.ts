/**
 * Scheduled reports' activities. Implemented by the API (services/api/src/reports/scheduled.ts)
 * and registered with the worker there; the workflow (workflows/reports.ts) imports these types only.
 */
export interface ReportActivities {
  /** Mails every report schedule whose period has ended and was not mailed yet; returns how many were sent. Throws (retried) while the relay cannot be reached. */
  sendDueReports(): Promise<number>;
}
