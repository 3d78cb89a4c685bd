import type { TwilioResource } from '@cc/core/privacy';

/** What the Twilio clean-up of an erasure deletes (started by eraseCustomer through the outbox). */
export interface TwilioErasureInput {
  customerId: string;
  resources: TwilioResource[];
}

/** The failure type of a Twilio deletion that did not reach Twilio (retried). */
export const twilioUnreachableFailure = 'ProviderUnreachable';

/**
 * Data-protection activities. Implemented by the API (services/api/src/privacy/activities.ts) and
 * registered with the worker there; the workflows (workflows/privacy.ts) import these types only.
 */
export interface PrivacyActivities {
  /** Deletes one resource at Twilio: 'failed' when Twilio refused; throws (retried) when unreachable. */
  deleteTwilioResource(resource: TwilioResource): Promise<'deleted' | 'gone' | 'failed'>;
  /** Audits how the Twilio clean-up ended. */
  twilioErasureFinished(input: { customerId: string; deleted: number; failed: number }): Promise<void>;
  buildDataExport(exportId: string): Promise<void>;
  failDataExport(exportId: string, error: string): Promise<void>;
  /** The package's 48 h are over: its file goes. */
  expireDataExport(exportId: string): Promise<void>;
  /** Opens a run (or takes the one an admin opened, `runId`): the classes with a period, each with its cutoff (computed once: a resumed run keeps them). */
  startRetentionRun(input: { dryRun: boolean; runId?: string }): Promise<{ runId: string; classes: { dataClass: string; cutoff: string }[] }>;
  /** One batch of one class (a dry run counts everything due at once); returns how many rows. */
  retentionBatch(input: { runId: string; dataClass: string; cutoff: string; dryRun: boolean }): Promise<number>;
  finishRetentionRun(runId: string): Promise<void>;
}

/** Rows per purge batch: each batch is one short transaction. */
export const retentionBatchSize = 500;
