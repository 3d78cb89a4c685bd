import type { Db } from '@cc/db/database';
import type { TwilioClient } from '@cc/channels/twilio/client';
import type { WorkflowStartRelay } from '../routing/workflow-starts';
import type { MediaUrlSigner } from '../media/signed-urls';
import type { RecordSealer } from './sealed-records';

/** What the data-protection use cases share (built once in system.ts). */
export interface PrivacyDeps {
  db: Db;
  clock: () => Date;
  /** Seals blocked records. */
  sealer: RecordSealer;
  /** Where export packages are written (`<data dir>/exports`). */
  exportsDir: string;
  /** Signs the 48 h download links of export packages (`/exports/<id>`). */
  exportLinks: MediaUrlSigner;
  /** Workflow starts written in a use case's transaction go out through the outbox relay. */
  relay: WorkflowStartRelay;
  /** Twilio's REST client (recordings, media and message logs are deleted there); null when Twilio is off. */
  twilio: TwilioClient | null;
}

/** How long a subject-access package stays downloadable. */
export const exportLinkTtlSeconds = 48 * 3600;
/** Blocked records are kept this long unless an admin sets the `blocked` period (civil claims: 5 years in Spain). */
export const defaultBlockedDays = 5 * 365;
