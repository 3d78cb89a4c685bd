import type { Db } from '../database';
import { messageColumns, type DeliveryStatus, type Message } from '../tables/messages';
import { insertMessage, updateDeliveryStatus, type NewMessage } from './messages';
import { inTransaction } from './transaction';

/**
 * An agent's (or the system's) message about to be handed to a provider: stored first, without a
 * provider id, so a status callback that beats the provider's response still finds it by our id.
 */
export async function createOutboundMessage(db: Db, message: Omit<NewMessage, 'direction' | 'provider_message_id' | 'delivery_status' | 'error_code'>): Promise<Message> {
  const { message: row } = await insertMessage(db, { ...message, direction: 'outbound', provider_message_id: null, delivery_status: 'accepted', error_code: null });
  return row;
}

/** The provider accepted the message: its id and first status. */
export async function attachProviderMessage(db: Db, update: { messageId: string; providerMessageId: string; status: DeliveryStatus; now: Date }): Promise<Message | undefined> {
  return recordOutboundStatus(db, { ...update, errorCode: null });
}

/** The provider refused the send: the message stays, failed, with the provider's error code. */
export async function markSendFailed(db: Db, update: { messageId: string; errorCode: string; now: Date }): Promise<Message | undefined> {
  return db
    .updateTable('messages')
    .set({ delivery_status: 'failed', error_code: update.errorCode, updated_at: update.now })
    .where('id', '=', update.messageId)
    .returningAll()
    .executeTakeFirst();
}

/**
 * A status for one of our outbound messages, addressed by our id and the provider's: the provider
 * id is attached if it was not yet (callback before response), and the status only moves forward.
 * Undefined when the ids do not belong together.
 */
export function recordOutboundStatus(
  db: Db,
  update: { messageId: string; providerMessageId: string; status: DeliveryStatus; errorCode: string | null; now: Date },
): Promise<Message | undefined> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('messages').select(messageColumns).where('id', '=', update.messageId).where('direction', '=', 'outbound').forUpdate().executeTakeFirst();
    if (!row || !row.provider) return undefined;
    if (row.provider_message_id && row.provider_message_id !== update.providerMessageId) return undefined;
    if (!row.provider_message_id) {
      await trx.updateTable('messages').set({ provider_message_id: update.providerMessageId }).where('id', '=', row.id).execute();
    }
    const result = await updateDeliveryStatus(trx, { provider: row.provider, providerMessageId: update.providerMessageId, status: update.status, errorCode: update.errorCode, now: update.now });
    return result?.message;
  });
}

/** An automatic message that reached the customer another way (a call's announcement, spoken by TwiML). */
export async function markDeliveredOutOfBand(db: Db, update: { messageId: string; provider: string; now: Date }): Promise<void> {
  await db.updateTable('messages').set({ provider: update.provider, delivery_status: 'sent', updated_at: update.now }).where('id', '=', update.messageId).where('provider', 'is', null).execute();
}

/**
 * Claims an automatic message (stored without a provider) for sending through `provider`: the
 * message as claimed, or undefined when an earlier attempt already took it.
 */
export function claimUnsentMessage(db: Db, messageId: string, provider: string): Promise<Message | undefined> {
  return db.updateTable('messages').set({ provider }).where('id', '=', messageId).where('provider', 'is', null).returningAll().executeTakeFirst();
}
