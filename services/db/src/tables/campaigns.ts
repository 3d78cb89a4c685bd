import type { ColumnType, Generated, Selectable } from 'kysely';

export type CampaignStatus =
  'draft' | 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled';

/** Where a template variable's value comes from: a customer field, with a fallback when it is blank. */
export interface VariableSource {
  /** `displayName`, `language`, `country`, `phone`, `field:<key>` (a custom field), `link` (the campaign's tracked link) or `text` (the fallback alone). */
  source: string;
  fallback: string | null;
}

export interface CampaignsTable {
  id: Generated<string>;
  name: string;
  segment_id: string | null;
  /** The segment's filter as it was when the campaign was created (a SegmentFilter). */
  segment_filter: ColumnType<Record<string, unknown>, string, string>;
  template_sid: string;
  /** Placeholder → source; plus `__link` → the URL a `link` variable tracks. */
  variable_mapping: ColumnType<Record<string, VariableSource>, string, string>;
  status: CampaignStatus;
  pause_reason: string | null;
  rate_per_second: number;
  frequency_cap_count: number;
  frequency_cap_days: number;
  /** When recipients may be messaged, on their own wall clock (a BusinessHours). */
  quiet_hours: ColumnType<Record<string, { open: string; close: string }[]>, string, string>;
  /** For recipients whose time zone is unknown. */
  default_time_zone: string;
  failure_threshold: number;
  block_threshold: number;
  threshold_min_sample: number;
  link_url: string | null;
  scheduled_at: Date | null;
  snapshot_done: Generated<boolean>;
  started_at: Date | null;
  finished_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type RecipientState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'unknown';

export interface CampaignRecipientsTable {
  id: Generated<string>;
  campaign_id: string;
  customer_id: string;
  to_number: string;
  time_zone: string | null;
  /** The template's variables as rendered at snapshot; null when skipped for a blank one. */
  variables: ColumnType<Record<string, string> | null, string | null, string | null>;
  state: RecipientState;
  skip_reason: string | null;
  not_before: Date | null;
  message_id: string | null;
  delivery_status: string | null;
  error_code: string | null;
  /** Send attempts Twilio answered 'not now' (130429, 131056, 63018) before this one. */
  attempts: Generated<number>;
  send_started_at: Date | null;
  sent_at: Date | null;
  replied_at: Date | null;
  reply_interaction_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CampaignLinksTable {
  token: string;
  campaign_id: string;
  recipient_id: string;
  url: string;
  opens: Generated<number>;
  first_opened_at: Date | null;
  created_at: Generated<Date>;
}

export type Campaign = Selectable<CampaignsTable>;
export type CampaignRecipient = Selectable<CampaignRecipientsTable>;
