import { sql } from 'kysely';
import type { AutoReplyTexts, KeywordAnswer, SenderProfile } from '@cc/core/whatsapp-presence';
import type { Db } from '../database';
import type { Message } from '../tables/messages';
import type { Queue } from '../tables/queues';
import type { WhatsAppAutoReplies, WhatsAppKeywordAnswer, WhatsAppSenderProfileRow } from '../tables/whatsapp-presence';
import { inTransaction } from './transaction';

/** The sender's profile as last read from (or written to) Twilio; undefined before the first read. */
export function getCachedSenderProfile(db: Db, senderSid: string): Promise<WhatsAppSenderProfileRow | undefined> {
  return db.selectFrom('whatsapp_sender_profiles').selectAll().where('sender_sid', '=', senderSid).executeTakeFirst();
}

/** Keeps what Twilio answered as the profile of record for the widget and automatic replies. */
export function cacheSenderProfile(
  db: Db,
  row: { senderSid: string; senderId: string | null; status: string | null; profile: SenderProfile; fetchedAt: Date; updatedBy: string | null },
): Promise<WhatsAppSenderProfileRow> {
  const values = { sender_id: row.senderId, status: row.status, profile: JSON.stringify(row.profile), fetched_at: row.fetchedAt, updated_by: row.updatedBy };
  return db
    .insertInto('whatsapp_sender_profiles')
    .values({ sender_sid: row.senderSid, ...values })
    .onConflict((oc) => oc.column('sender_sid').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface AutoReplySettings {
  enabled: boolean;
  texts: AutoReplyTexts;
  busyThresholdSeconds: number;
  minIntervalMinutes: number;
}

/** A queue's automatic replies; undefined when never configured (then none are sent). */
export function getAutoReplies(db: Db, queueId: string): Promise<WhatsAppAutoReplies | undefined> {
  return db.selectFrom('whatsapp_auto_replies').selectAll().where('queue_id', '=', queueId).executeTakeFirst();
}

export function listKeywordAnswers(db: Db, queueId: string): Promise<WhatsAppKeywordAnswer[]> {
  return db.selectFrom('whatsapp_keyword_answers').selectAll().where('queue_id', '=', queueId).orderBy('position').orderBy('created_at').execute();
}

/** Saves a queue's automatic replies and replaces its keyword answers, together. */
export function saveAutoReplies(
  db: Db,
  queueId: string,
  settings: AutoReplySettings,
  keywords: readonly KeywordAnswer[],
  now: Date,
): Promise<{ settings: WhatsAppAutoReplies; keywords: WhatsAppKeywordAnswer[] }> {
  return inTransaction(db, async (trx) => {
    const values = {
      enabled: settings.enabled,
      texts: JSON.stringify(settings.texts),
      busy_threshold_seconds: settings.busyThresholdSeconds,
      min_interval_minutes: settings.minIntervalMinutes,
      updated_at: now,
    };
    const saved = await trx
      .insertInto('whatsapp_auto_replies')
      .values({ queue_id: queueId, ...values })
      .onConflict((oc) => oc.column('queue_id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('whatsapp_keyword_answers').where('queue_id', '=', queueId).execute();
    const rows = keywords.length
      ? await trx
          .insertInto('whatsapp_keyword_answers')
          .values(keywords.map((k, position) => ({ queue_id: queueId, match: k.match, pattern: k.pattern, language: k.language, body: k.body, link: k.link, media_url: k.mediaUrl, position })))
          .returningAll()
          .execute()
      : [];
    return { settings: saved, keywords: rows.sort((a, b) => a.position - b.position) };
  });
}

/**
 * The automatic WhatsApp messages (outbound, written by no agent) a customer got since `since`,
 * newest first: the interval rule and the echo check read them.
 */
export function recentAutomaticWhatsApp(db: Db, customerId: string, since: Date): Promise<{ id: string; body: string | null; created_at: Date }[]> {
  return db
    .selectFrom('messages')
    .select(['id', 'body', 'created_at'])
    .where('customer_id', '=', customerId)
    .where('channel', '=', 'whatsapp')
    .where('direction', '=', 'outbound')
    .where('agent_id', 'is', null)
    .where('created_at', '>=', since)
    .where((eb) => eb.or([eb('delivery_status', 'is', null), eb('delivery_status', 'not in', ['failed', 'canceled'])]))
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
}

/** The WhatsApp queue a click-to-WhatsApp reference names. */
export function findQueueByWhatsAppRef(db: Db, ref: string): Promise<Queue | undefined> {
  return db.selectFrom('queues').selectAll().where('whatsapp_ref', '=', ref.toUpperCase()).where(sql<boolean>`'whatsapp' = any(channels)`).executeTakeFirst();
}

/** An automatic message that the rules held back is kept, canceled, so the timeline shows why. */
export function cancelUnsentMessage(db: Db, update: { messageId: string; reason: string; now: Date }): Promise<void> {
  return db
    .updateTable('messages')
    .set({ delivery_status: 'canceled', error_code: update.reason, updated_at: update.now })
    .where('id', '=', update.messageId)
    .where('provider_message_id', 'is', null)
    .execute()
    .then(() => undefined);
}

/**
 * Whether another automatic WhatsApp message went to this message's customer within its queue's
 * automatic-reply interval (none configured: no limit, as before). The queue's closed-hours text
 * is one automatic reply among the others, so it is held back then.
 */
export async function otherAutomaticReplyWithinInterval(db: Db, message: { id: string; customer_id: string; interaction_id: string | null }, now: Date): Promise<boolean> {
  if (!message.interaction_id) return false;
  const settings = await db
    .selectFrom('interactions as i')
    .innerJoin('whatsapp_auto_replies as a', 'a.queue_id', 'i.queue_id')
    .select(['a.enabled', 'a.min_interval_minutes'])
    .where('i.id', '=', message.interaction_id)
    .executeTakeFirst();
  if (!settings?.enabled) return false;
  const recent = await recentAutomaticWhatsApp(db, message.customer_id, new Date(now.getTime() - settings.min_interval_minutes * 60_000));
  return recent.some((r) => r.id !== message.id);
}

/**
 * Stores an automatic reply, unsent (no provider: the delivery claims it), timed by the caller's
 * clock: the interval rule compares these times with that clock.
 */
export function insertAutomaticReply(
  db: Db,
  row: { interactionId: string; customerId: string; body: string; mediaUrl: string | null; context: Record<string, unknown> },
  now: Date,
): Promise<Message> {
  return db
    .insertInto('messages')
    .values({
      interaction_id: row.interactionId,
      customer_id: row.customerId,
      direction: 'outbound',
      channel: 'whatsapp',
      agent_id: null,
      body: row.body,
      media: row.mediaUrl ? JSON.stringify([{ url: row.mediaUrl, contentType: null }]) : null,
      location: null,
      provider: null,
      provider_message_id: null,
      delivery_status: 'accepted',
      error_code: null,
      context: JSON.stringify(row.context),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The automatic replies an interaction already got: their kinds and keyword answers (the once-per-conversation rule). */
export async function automaticRepliesOf(db: Db, interactionId: string): Promise<{ kind: string; answer: string | null }[]> {
  const rows = await db
    .selectFrom('messages')
    .select([sql<string>`context->'automatic'->>'kind'`.as('kind'), sql<string | null>`context->'automatic'->>'answer'`.as('answer')])
    .where('interaction_id', '=', interactionId)
    .where('direction', '=', 'outbound')
    .where(sql<boolean>`context ? 'automatic'`)
    .execute();
  return rows;
}

/** Serialises the automatic-reply decision per customer for the rest of the transaction. */
export async function lockAutoRepliesOf(trx: Db, customerId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`whatsapp-auto-reply:${customerId}`}))`.execute(trx);
}
