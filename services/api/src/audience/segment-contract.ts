/**
 * The contract between the audience domain (segments, consent per purpose, customer attributes)
 * and campaign sending. Types only: the implementation is `listSegmentRecipients` /
 * `countSegmentRecipients` in `@cc/db/repositories/segments` (SQL lives in services/db), called
 * with a Db or a transaction, e.g. from a campaign activity:
 *
 *   let after: string | null = null;
 *   for (;;) {
 *     const page = await listSegmentRecipients(db, filter, { afterCustomerId: after, limit: 500, now });
 *     if (page.length === 0) break;
 *     after = page[page.length - 1]!.customerId;
 *   }
 *
 * Rules the implementation guarantees:
 * - stable ascending customer id order (keyset paging: `afterCustomerId` exclusive);
 * - ONLY customers whose newest consent row on `filter.consent.channel` (default whatsapp) for
 *   `filter.consent.purpose` (default marketing) or for `all` is a grant — a later STOP/BAJA
 *   (`all`, withdrawn) removes them, a newer marketing grant after it brings them back;
 * - only customers with a WhatsApp or phone identity (phoneE164, WhatsApp preferred).
 * Consent can change between listing and sending: check it again right before each send.
 */
import type { Db } from '@cc/db/database';
import type { SegmentFilter, SegmentPage, SegmentRecipient } from '@cc/core/segment-filter';

export type {
  SegmentChannelActivity,
  SegmentConsent,
  SegmentFieldEquals,
  SegmentFilter,
  SegmentPage,
  SegmentRecipient,
} from '@cc/core/segment-filter';

/** A page of the customers `filter` selects, in customer id order after `page.afterCustomerId`. */
export type ListSegmentRecipients = (db: Db, filter: SegmentFilter, page: SegmentPage) => Promise<SegmentRecipient[]>;

/** How many customers `filter` selects now (the live preview; also a campaign's expected total). */
export type CountSegmentRecipients = (db: Db, filter: SegmentFilter, options: { now: Date }) => Promise<number>;
