import { sql } from 'kysely';
import type { Db } from '../database';
import type { DeliveryStatus, Message } from '../tables/messages';

/** The newest inbound mail of an interaction: what a reply answers (addresses, thread ids). */
export function lastInboundEmail(db: Db, interactionId: string): Promise<Message | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('interaction_id', '=', interactionId)
    .where('direction', '=', 'inbound')
    .where('channel', '=', 'email')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Automatic mails (acknowledgements, closed-hours replies) sent to a customer since `since`. */
export async function countAutomaticEmailsSince(db: Db, customerId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('customer_id', '=', customerId)
    .where('channel', '=', 'email')
    .where('direction', '=', 'outbound')
    .where('agent_id', 'is', null)
    .where('delivery_status', 'in', ['sending', 'sent', 'delivered'])
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records how an outbound mail went: its Message-ID (for threading) and its fate. */
export function setEmailDelivery(
  db: Db,
  change: { messageId: string; providerMessageId: string | null; status: DeliveryStatus; errorCode: string | null; context?: Record<string, unknown>; now: Date },
): Promise<Message> {
  return db
    .updateTable('messages')
    .set({
      provider: change.providerMessageId ? 'smtp' : null,
      provider_message_id: change.providerMessageId,
      delivery_status: change.status,
      error_code: change.errorCode,
      updated_at: change.now,
      ...(change.context ? { context: sql<string>`context || ${JSON.stringify(change.context)}::jsonb` as unknown as string } : {}),
    })
    .where('id', '=', change.messageId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Whether every inbound mail of an interaction passed sender authentication: false when any failed,
 * null when none was checked (other channels, mail stored before the check).
 */
export async function interactionSenderVerified(db: Db, interactionId: string): Promise<boolean | null> {
  const row = await db
    .selectFrom('messages')
    .select(sql<boolean | null>`bool_and((context->'email'->'authentication'->>'verified')::boolean)`.as('verified'))
    .where('interaction_id', '=', interactionId)
    .where('direction', '=', 'inbound')
    .where('channel', '=', 'email')
    .where(sql<boolean>`context->'email'->'authentication' is not null`)
    .executeTakeFirst();
  return row?.verified ?? null;
}
