import { sql } from 'kysely';
import type { Db } from '../database';
import type { DeliveryStatus, Message } from '../tables/messages';
import type { Push, PushContent, PushKind, PushMode } from '../tables/pushes';
import { recordInteractionEvent, type Actor } from './interaction-events';
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
 * call's interaction, so the customer timeline shows it), with its short links and a
 * `push_requested` event. One statement (data-modifying CTEs, atomic by themselves): this is on the
 * way from the agent's click to the wire, and every round trip counts there.
 */
export async function createPush(db: Db, push: NewPush, actor: Actor): Promise<{ push: Push; message: Message }> {
  const media = push.message.media.length ? JSON.stringify(push.message.media) : null;
  const location = push.message.location ? JSON.stringify(push.message.location) : null;
  const context = JSON.stringify({ push: { kind: push.kind, mode: push.mode, templateSid: push.templateSid } });
  const result = await sql<Push & { m_id: string; m_created_at: Date }>`
    WITH m AS (
      INSERT INTO messages (interaction_id, customer_id, direction, channel, agent_id, body, media, location, provider, provider_message_id, delivery_status, error_code, context, created_at, updated_at)
      VALUES (${push.interactionId}, ${push.customerId}, 'outbound', 'whatsapp', ${push.agentId}, ${push.message.body}, ${media}::jsonb, ${location}::jsonb, 'twilio', NULL, 'accepted', NULL, ${context}::jsonb, ${push.now}, ${push.now})
      RETURNING id, created_at
    ), p AS (
      INSERT INTO pushes (interaction_id, customer_id, agent_id, kind, content, to_number, mode, template_sid, template_variables, message_id, status, send_started_at, created_at, updated_at)
      SELECT ${push.interactionId}, ${push.customerId}, ${push.agentId}, ${push.kind}, ${JSON.stringify(push.content)}::jsonb, ${push.toNumber}, ${push.mode}, ${push.templateSid},
             ${push.templateVariables ? JSON.stringify(push.templateVariables) : null}::jsonb, m.id, 'pending', ${push.sendStarted ? push.now : null}::timestamptz, ${push.now}, ${push.now}
      FROM m
      RETURNING *
    ), l AS (
      INSERT INTO push_links (token, push_id, url, created_at)
      SELECT x.token, p.id, x.url, ${push.now} FROM p, jsonb_to_recordset(${JSON.stringify(push.links)}::jsonb) AS x(token text, url text)
      RETURNING token
    ), e AS (
      INSERT INTO interaction_events (interaction_id, type, actor_type, actor_id, data, created_at)
      SELECT ${push.interactionId}, 'push_requested', ${actor.type}, ${actor.id}, jsonb_build_object('pushId', p.id, 'kind', p.kind, 'mode', p.mode), ${push.now} FROM p
      RETURNING id
    )
    SELECT p.*, m.id AS m_id, m.created_at AS m_created_at FROM p, m, (SELECT count(*) FROM l) AS links, (SELECT count(*) FROM e) AS events
  `.execute(db);
  const { m_id, m_created_at, ...row } = result.rows[0]!;
  const message: Message = {
    id: m_id,
    interaction_id: push.interactionId,
    customer_id: push.customerId,
    direction: 'outbound',
    channel: 'whatsapp',
    agent_id: push.agentId,
    body: push.message.body,
    media: push.message.media.length ? push.message.media : null,
    location: push.message.location,
    provider: 'twilio',
    provider_message_id: null,
    delivery_status: 'accepted',
    error_code: null,
    context: JSON.parse(context) as Record<string, unknown>,
    created_at: m_created_at,
    updated_at: m_created_at,
  };
  return { push: row as Push, message };
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

/** Takes the offered SMS fallback for sending, once: undefined when it is not (or no longer) offered. */
export function claimSmsFallback(db: Db, pushId: string, now: Date): Promise<Push | undefined> {
  return db.updateTable('pushes').set({ fallback: 'sms_sent', updated_at: now }).where('id', '=', pushId).where('fallback', '=', 'sms_offered').returningAll().executeTakeFirst();
}

/** The SMS fallback did not go: it is offered again (updated_at untouched, as the claim left it). */
export async function reofferSmsFallback(db: Db, pushId: string): Promise<void> {
  await db.updateTable('pushes').set({ fallback: 'sms_offered' }).where('id', '=', pushId).execute();
}
