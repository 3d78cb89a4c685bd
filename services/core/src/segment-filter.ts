import type { Channel } from './channels';
import type { ConsentPurposeName } from './consent';

/**
 * Who a segment (a saved filter of customers) selects. JSON-shaped: it is stored as a segment's
 * definition and sent over GraphQL as is. Every criterion left out selects everyone; the ones given
 * are ANDed. Consent is never optional: only customers whose newest consent record for
 * `consent.purpose` or for `all` on `consent.channel` is a grant are selected (the same rule as a
 * push's consent check), so a STOP/BAJA after a marketing opt-in removes the customer.
 */
export interface SegmentFilter {
  /** At least one of these tags. */
  tagsAny?: string[];
  /** Every one of these tags. */
  tagsAll?: string[];
  /** One of these languages (lower-case ISO 639-1, e.g. `es`, `en`). */
  languages?: string[];
  /** One of these countries (upper-case ISO 3166-1 alpha-2, e.g. `ES`). */
  countries?: string[];
  /** One of these IANA time zones (canonical, e.g. `Europe/Madrid`). */
  timeZones?: string[];
  /** Custom fields (the customer's `fields` object) equal to these values, each one. */
  fieldEquals?: SegmentFieldEquals[];
  /** The consent required; `{ channel: 'whatsapp', purpose: 'marketing' }` when left out. */
  consent?: SegmentConsent;
  /** Last contact (newest interaction on any channel) strictly after this instant (ISO 8601). */
  lastContactAfter?: string;
  /** Last contact strictly before this instant (ISO 8601); customers never contacted match too. */
  lastContactBefore?: string;
  /** Had (or, with `had: false`, had not) an interaction on `channel` in the last `withinDays` days. */
  channelActivity?: SegmentChannelActivity;
}

export interface SegmentFieldEquals {
  key: string;
  equals: string | number | boolean;
}

export interface SegmentConsent {
  channel: Channel;
  purpose: ConsentPurposeName;
}

export interface SegmentChannelActivity {
  channel: Channel;
  withinDays: number;
  had: boolean;
}

export const defaultSegmentConsent: SegmentConsent = { channel: 'whatsapp', purpose: 'marketing' };

/** One customer a segment selects, with what a campaign needs to address and personalise the message. */
export interface SegmentRecipient {
  customerId: string;
  /** The customer's WhatsApp number, else their phone number (E.164). Customers with neither are not selected. */
  phoneE164: string;
  displayName: string | null;
  language: string | null;
  timeZone: string | null;
  country: string | null;
  tags: string[];
  /** Custom fields as set by integrators (template variables map from them). */
  fields: Record<string, unknown>;
}

/** Keyset paging in customer id order (stable: ids never change, new customers do not shift pages). */
export interface SegmentPage {
  /** The last customer id of the previous page; null for the first page. */
  afterCustomerId: string | null;
  limit: number;
  /** "Now" for relative criteria (channelActivity.withinDays): injected so fake clocks work. */
  now: Date;
}
