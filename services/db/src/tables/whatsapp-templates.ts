import type { ColumnType, Generated, Selectable } from 'kysely';

/** A WhatsApp template from Twilio's Content API; only `approved` ones may be sent. */
export interface WhatsAppTemplatesTable {
  content_sid: string;
  friendly_name: string;
  language: string;
  /** The text with {{1}}-style placeholders (twilio/text or the main type's body). */
  body: string | null;
  /** Placeholder → sample value, as the Content API lists them. */
  variables: ColumnType<Record<string, string>, string, string>;
  types: ColumnType<Record<string, unknown>, string, string>;
  approval_status: string;
  category: string | null;
  synced_at: Generated<Date>;
}

export type WhatsAppTemplate = Selectable<WhatsAppTemplatesTable>;
