import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Channel } from '@cc/core/channels';
import { columnsOf } from './columns';

export type MessageDirection = 'inbound' | 'outbound';

export const deliveryStatuses = [
  'received',
  'accepted',
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'undelivered',
  'failed',
  'canceled',
] as const;
/** Twilio's message statuses, which email and web chat use a subset of. */
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** A message in or out on any messaging channel; `(provider, provider_message_id)` is unique for idempotent webhooks. */
export interface MessagesTable {
  id: Generated<string>;
  /** Null for messages outside any interaction (e.g. campaign sends). */
  interaction_id: string | null;
  customer_id: string;
  direction: MessageDirection;
  channel: Channel;
  /** The agent who wrote an outbound message; null for inbound and automatic ones. */
  agent_id: string | null;
  body: string | null;
  media: ColumnType<{ url: string; contentType: string | null }[] | null, string | null, string | null>;
  location: ColumnType<{ latitude: number; longitude: number; label: string | null } | null, string | null, string | null>;
  provider: string | null;
  provider_message_id: string | null;
  delivery_status: DeliveryStatus | null;
  error_code: string | null;
  /** Channel details (button payload, refused media); `{}` when none. */
  context: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Message = Selectable<MessagesTable>;

/**
 * Every column of a Message, for reads: `selectAll()` would also fetch `search_document`, the
 * archive's stored tsvector (as large again as the body), which no reader uses.
 */
export const messageColumns = columnsOf<Message>({
  id: true,
  interaction_id: true,
  customer_id: true,
  direction: true,
  channel: true,
  agent_id: true,
  body: true,
  media: true,
  location: true,
  provider: true,
  provider_message_id: true,
  delivery_status: true,
  error_code: true,
  context: true,
  created_at: true,
  updated_at: true,
});
