import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DeliveryStatus } from './messages';

export type PushKind = 'link' | 'media' | 'location' | 'template';
export type PushMode = 'free_form' | 'template';
/** `pending` until Twilio accepts it; then Twilio's statuses. */
export type PushStatus = 'pending' | DeliveryStatus;

export type PushContent =
  | { kind: 'link'; url: string; title: string; shortUrl: string }
  | { kind: 'media'; mediaId: string; url: string; contentType: string; caption: string | null; documentId?: string | null; title?: string | null }
  | { kind: 'location'; latitude: number; longitude: number; name: string; address: string | null; shortUrl: string | null }
  | { kind: 'template' };

/** An agent's in-call push over WhatsApp (link, media, location or template). */
export interface PushesTable {
  id: Generated<string>;
  interaction_id: string;
  customer_id: string;
  agent_id: string | null;
  kind: PushKind;
  content: ColumnType<PushContent, string, string>;
  /** The customer's number, E.164. */
  to_number: string;
  mode: PushMode;
  template_sid: string | null;
  template_variables: ColumnType<Record<string, string> | null, string | null, string | null>;
  message_id: string;
  status: PushStatus;
  error_code: string | null;
  send_started_at: Date | null;
  fallback: 'sms_offered' | 'sms_sent' | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Push = Selectable<PushesTable>;
