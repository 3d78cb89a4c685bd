import { sql, type Insertable } from 'kysely';
import type { Db } from '../database';
import { messageColumns, type DeliveryStatus, type Message, type MessagesTable } from '../tables/messages';

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
    .select(messageColumns)
    .where('provider', '=', message.provider ?? null)
    .where('provider_message_id', '=', message.provider_message_id ?? null)
    .executeTakeFirst();
  if (!existing) throw new Error(`message ${message.provider}:${message.provider_message_id} vanished after a conflicting insert`);
  return { message: existing, created: false };
}

/** How far along a message is; providers deliver status callbacks out of order. */
const progress: Record<DeliveryStatus, number> = {
  received: 0,
  accepted: 1,
  scheduled: 1,
  queued: 2,
  sending: 3,
  sent: 4,
  delivered: 5,
  read: 6,
  undelivered: 7,
  failed: 7,
  canceled: 7,
};

/**
 * Records a provider status callback, only moving forward: a late `sent` never overwrites
 * `delivered`. Returns the message as stored (changed or not); undefined when it is unknown.
 */
export async function updateDeliveryStatus(
  db: Db,
  update: { provider: string; providerMessageId: string; status: DeliveryStatus; errorCode: string | null; now: Date },
): Promise<{ message: Message; changed: boolean } | undefined> {
  const rank = sql.join(Object.entries(progress).map(([status, n]) => sql`WHEN ${status} THEN ${sql.lit(n)}`), sql` `);
  const updated = await db
    .updateTable('messages')
    .set({ delivery_status: update.status, error_code: update.errorCode, updated_at: update.now })
    .where('provider', '=', update.provider)
    .where('provider_message_id', '=', update.providerMessageId)
    .where(sql<boolean>`coalesce(CASE delivery_status ${rank} END, -1) < ${sql.lit(progress[update.status])}`)
    .returningAll()
    .executeTakeFirst();
  if (updated) return { message: updated, changed: true };
  const current = await findMessageByProviderId(db, update.provider, update.providerMessageId);
  return current && { message: current, changed: false };
}

export function listInteractionMessages(db: Db, interactionId: string): Promise<Message[]> {
  return db.selectFrom('messages').select(messageColumns).where('interaction_id', '=', interactionId).orderBy('created_at').orderBy('id').execute();
}

/** The messages of several interactions, each interaction's oldest first (one statement). */
export function listMessagesOfInteractions(db: Db, interactionIds: readonly string[]): Promise<Message[]> {
  if (interactionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('messages').select(messageColumns).where('interaction_id', 'in', interactionIds).orderBy('created_at').orderBy('id').execute();
}

/** The last `count` messages of each of several interactions, oldest first (one statement). */
export async function lastMessagesOfInteractions(db: Db, interactionIds: readonly string[], count: number): Promise<Message[]> {
  if (interactionIds.length === 0 || count <= 0) return [];
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('messages')
        .select(messageColumns)
        .select(sql<number>`row_number() over (partition by interaction_id order by created_at desc, id desc)`.as('from_last'))
        .where('interaction_id', 'in', interactionIds)
        .as('m'),
    )
    // The message columns alone: copying each row without its rank cost more than reading it.
    .select(messageColumns)
    .where('from_last', '<=', count)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function getMessage(db: Db, id: string): Promise<Message | undefined> {
  return db.selectFrom('messages').select(messageColumns).where('id', '=', id).executeTakeFirst();
}

/** The message a provider knows by its id (a webhook's MessageSid, an email's Message-ID), if stored. */
export function findMessageByProviderId(db: Db, provider: string, providerMessageId: string): Promise<Message | undefined> {
  return db.selectFrom('messages').select(messageColumns).where('provider', '=', provider).where('provider_message_id', '=', providerMessageId).executeTakeFirst();
}
