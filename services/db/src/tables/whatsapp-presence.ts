import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AutoReplyTexts, KeywordMatch, ReplyLanguage, SenderProfile } from '@cc/core/whatsapp-presence';

type Json<T> = ColumnType<T, string, string>;

/** The WhatsApp sender's public profile as Twilio's Senders API last returned it (a cache). */
export interface WhatsAppSenderProfilesTable {
  sender_sid: string;
  /** `whatsapp:+E164`, as Twilio names the sender. */
  sender_id: string | null;
  /** Twilio's sender status (ONLINE, VERIFYING, OFFLINE, …). */
  status: string | null;
  profile: Json<SenderProfile>;
  fetched_at: Date;
  updated_by: string | null;
}

/** Per queue: the automatic WhatsApp replies and their limits. */
export interface WhatsAppAutoRepliesTable {
  queue_id: string;
  enabled: Generated<boolean>;
  texts: ColumnType<AutoReplyTexts, string | undefined, string>;
  /** Above this estimated wait the "we are busy" reply goes out. */
  busy_threshold_seconds: Generated<number>;
  /** At most one automatic reply per customer in this many minutes. */
  min_interval_minutes: Generated<number>;
  updated_at: Generated<Date>;
}

/** A frequent question's answer: a word or pattern in the customer's message → text, link or media. */
export interface WhatsAppKeywordAnswersTable {
  id: Generated<string>;
  queue_id: string;
  match: KeywordMatch;
  pattern: string;
  /** Null answers in either language. */
  language: ReplyLanguage | null;
  body: string;
  link: string | null;
  media_url: string | null;
  position: Generated<number>;
  created_at: Generated<Date>;
}

export type WhatsAppSenderProfileRow = Selectable<WhatsAppSenderProfilesTable>;
export type WhatsAppAutoReplies = Selectable<WhatsAppAutoRepliesTable>;
export type WhatsAppKeywordAnswer = Selectable<WhatsAppKeywordAnswersTable>;
