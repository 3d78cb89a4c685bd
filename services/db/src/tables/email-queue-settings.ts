import type { Generated, Selectable } from 'kysely';

/** A queue's own email acknowledgement; without a row the EMAIL_AUTO_ACK default applies. */
export interface EmailQueueSettingsTable {
  queue_id: string;
  /** Null: this queue sends no acknowledgement. */
  auto_ack: string | null;
  updated_at: Generated<Date>;
}

export type EmailQueueSettings = Selectable<EmailQueueSettingsTable>;
