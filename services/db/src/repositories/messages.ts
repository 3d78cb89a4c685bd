import type { Insertable } from 'kysely';
import type { Db } from '../database';
import type { DeliveryStatus, Message, MessagesTable } from '../tables/messages';

export type NewMessage = Omit<Insertable<MessagesTable>, 'id' | 'created_at' | 'updated_at'>;

/**
 * Stores a message once per `(provider, provider_message_id)`: a retried webhook returns the row
 * stored the first time with `created: false`.
 */
export async function insertMessage(db: Db, message: NewMessage): Promise<{ message: Message; created: boolean }> {
  const inserted = await db
    .insertInto('messages')
    .values(message)
    .onConflict((oc) => oc.columns(['provider', 'provider_message_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { message: inserted, created: true };
  const existing = await db
    .selectFrom('messages')
    .selectAll()
    .where('provider', '=', message.provider ?? null)
    .where('provider_message_id', '=', message.provider_message_id ?? null)
    .executeTakeFirst();
  if (!existing) throw new Error(`message ${message.provider}:${message.provider_message_id} vanished after a conflicting insert`);
  return { message: existing, created: false };
}

/** Records a provider status callback; returns undefined when the message is unknown. */
export function updateDeliveryStatus(
  db: Db,
  update: { provider: string; providerMessageId: string; status: DeliveryStatus; errorCode: string | null; now: Date },
): Promise<Message | undefined> {
  return db
    .updateTable('messages')
    .set({ delivery_status: update.status, error_code: update.errorCode, updated_at: update.now })
    .where('provider', '=', update.provider)
    .where('provider_message_id', '=', update.providerMessageId)
    .returningAll()
    .executeTakeFirst();
}

export function listInteractionMessages(db: Db, interactionId: string): Promise<Message[]> {
  return db.selectFrom('messages').selectAll().where('interaction_id', '=', interactionId).orderBy('created_at').orderBy('id').execute();
}
