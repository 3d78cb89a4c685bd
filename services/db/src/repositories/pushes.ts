import { sql } from 'kysely';
import type { Db } from '../database';
import type { DeliveryStatus, Message } from '../tables/messages';
import type { Push, PushContent, PushKind, PushMode } from '../tables/pushes';
import { recordInteractionEvent, type Actor } from './interaction-events';
import { createOutboundMessage } from './outbound-messages';
import { inTransaction } from './transaction';

export interface NewPush {
  interactionId: string;
  customerId: string;
  agentId: string | null;
  kind: PushKind;
  content: PushContent;
  toNumber: string;
  mode: PushMode;
  templateSid: string | null;
  templateVariables: Record<string, string> | null;
  /** What the WhatsApp message shows on the timeline. */
  message: { body: string | null; media: { url: string; contentType: string | null }[]; location: { latitude: number; longitude: number; label: string | null } | null };
  /** Short links to create with the push (token → target). */
  links: { token: string; url: string }[];
  /** The caller sends it right after storing (claims the send in the same transaction). */
  sendStarted: boolean;
  now: Date;
}

/**
 * A push and its WhatsApp message, stored together before anything is sent (the message sits on the
 * call's interaction, so the customer timeline shows it), with a `push_requested` event.
 */
export function createPush(db: Db, push: NewPush, actor: Actor): Promise<{ push: Push; message: Message }> {
  return inTransaction(db, async (trx) => {
    const message = await createOutboundMessage(trx, {
      interaction_id: push.interactionId,
      customer_id: push.customerId,
      channel: 'whatsapp',
      agent_id: push.agentId,
      body: push.message.body,
      media: push.message.media.length ? JSON.stringify(push.message.media) : null,
      location: push.message.location ? JSON.stringify(push.message.location) : null,
      provider: 'twilio',
      context: JSON.stringify({ push: { kind: push.kind, mode: push.mode, templateSid: push.templateSid } }),
    });
    const row = await trx
      .insertInto('pushes')
      .values({
        interaction_id: push.interactionId,
        customer_id: push.customerId,
        agent_id: push.agentId,
        kind: push.kind,
        content: JSON.stringify(push.content),
        to_number: push.toNumber,
        mode: push.mode,
        template_sid: push.templateSid,
        template_variables: push.templateVariables ? JSON.stringify(push.templateVariables) : null,
        message_id: message.id,
        status: 'pending',
        send_started_at: push.sendStarted ? push.now : null,
        created_at: push.now,
        updated_at: push.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const link of push.links) await trx.insertInto('push_links').values({ token: link.token, push_id: row.id, url: link.url, created_at: push.now }).execute();
    await recordInteractionEvent(trx, { interactionId: push.interactionId, type: 'push_requested', actor, data: { pushId: row.id, kind: push.kind, mode: push.mode }, at: push.now });
    return { push: row, message };
  });
}

export function getPush(db: Db, id: string): Promise<Push | undefined> {
  return db.selectFrom('pushes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPushByMessage(db: Db, messageId: string): Promise<Push | undefined> {
  return db.selectFrom('pushes').selectAll().where('message_id', '=', messageId).executeTakeFirst();
}

export function listInteractionPushes(db: Db, interactionId: string): Promise<Push[]> {
  return db.selectFrom('pushes').selectAll().where('interaction_id', '=', interactionId).orderBy('created_at').orderBy('id').execute();
}

/**
 * Marks the send as attempted, once. False when an earlier attempt already started it: that attempt
 * may have reached Twilio, so sending again could double-send.
 */
export async function claimPushSend(db: Db, pushId: string, now: Date): Promise<boolean> {
  const claimed = await db.updateTable('pushes').set({ send_started_at: now, updated_at: now }).where('id', '=', pushId).where('send_started_at', 'is', null).returning('id').executeTakeFirst();
  return !!claimed;
}

/** The attempt certainly did not reach Twilio (connection refused): a retry may send. */
export async function releasePushSend(db: Db, pushId: string): Promise<void> {
  await db.updateTable('pushes').set({ send_started_at: null }).where('id', '=', pushId).where('status', '=', 'pending').execute();
}

const progress: Record<string, number> = { pending: 0, accepted: 1, scheduled: 1, queued: 2, sending: 3, sent: 4, delivered: 5, read: 6, undelivered: 7, failed: 7, canceled: 7 };

/**
 * Moves the push's status forward (callbacks arrive out of order; a late `sent` never undoes
 * `read`), with a timeline event per real change. Returns the push when it changed.
 */
export async function advancePushStatus(
  db: Db,
  update: { pushId: string; status: DeliveryStatus; errorCode: string | null; now: Date },
): Promise<Push | undefined> {
  return inTransaction(db, async (trx) => {
    const rank = sql.join(Object.entries(progress).map(([s, n]) => sql`WHEN ${s} THEN ${sql.lit(n)}`), sql` `);
    const row = await trx
      .updateTable('pushes')
      .set({ status: update.status, error_code: update.errorCode, updated_at: update.now })
      .where('id', '=', update.pushId)
      .where(sql<boolean>`coalesce(CASE status ${rank} END, -1) < ${sql.lit(progress[update.status] ?? 0)}`)
      .returningAll()
      .executeTakeFirst();
    if (row) {
      await recordInteractionEvent(trx, {
        interactionId: row.interaction_id,
        type: 'push_status',
        actor: { type: 'system', id: null },
        data: { pushId: row.id, status: update.status, ...(update.errorCode ? { errorCode: update.errorCode } : {}) },
        at: update.now,
      });
    }
    return row;
  });
}

export async function setPushFallback(db: Db, pushId: string, fallback: 'sms_offered' | 'sms_sent', now: Date): Promise<Push | undefined> {
  return db.updateTable('pushes').set({ fallback, updated_at: now }).where('id', '=', pushId).returningAll().executeTakeFirst();
}
