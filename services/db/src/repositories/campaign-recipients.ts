import { randomUUID } from 'node:crypto';
import { sql, type Expression, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../database';
import type { CampaignRecipient, CampaignRecipientsTable } from '../tables/campaigns';
import { currentConsentQuery } from './consents';

/** A recipient as the snapshot writes it: variables rendered, or the reason it will not be sent. */
export interface SnapshotRecipient {
  customerId: string;
  toNumber: string;
  timeZone: string | null;
  variables: Record<string, string> | null;
  skipReason: string | null;
}

/** Adds a page of the snapshot; a page written before (a retried activity) adds nothing. */
export async function insertRecipients(
  db: Db,
  campaignId: string,
  rows: SnapshotRecipient[],
  now: Date,
): Promise<number> {
  if (!rows.length) return 0;
  const inserted = await db
    .insertInto('campaign_recipients')
    .values(
      rows.map((r) => ({
        campaign_id: campaignId,
        customer_id: r.customerId,
        to_number: r.toNumber,
        time_zone: r.timeZone,
        variables: r.variables ? JSON.stringify(r.variables) : null,
        state: r.skipReason ? ('skipped' as const) : ('pending' as const),
        skip_reason: r.skipReason,
        not_before: null,
        message_id: null,
        delivery_status: null,
        error_code: null,
        send_started_at: null,
        sent_at: null,
        replied_at: null,
        reply_interaction_id: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['campaign_id', 'customer_id']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/** Pending recipients whose wait (quiet hours, spacing) is over, in id order. */
export function dueRecipients(
  db: Db,
  campaignId: string,
  now: Date,
  limit: number,
): Promise<CampaignRecipient[]> {
  return db
    .selectFrom('campaign_recipients')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<=', now)]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** How many recipients still wait, and the earliest moment one of them may be sent. */
export async function pendingSummary(
  db: Db,
  campaignId: string,
): Promise<{ pending: number; earliest: Date | null }> {
  const row = await db
    .selectFrom('campaign_recipients')
    .select((eb) => [
      eb.fn.countAll<string>().as('pending'),
      eb.fn.min('not_before').as('earliest'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'pending')
    .executeTakeFirstOrThrow();
  return {
    pending: Number(row.pending),
    earliest: row.earliest ? new Date(row.earliest as Date) : null,
  };
}

/** Recipients still to send (pending or being sent) per time zone; `defaultZone` for those with none. */
export async function queuedByTimeZone(
  db: Db,
  campaignId: string,
  defaultZone: string,
): Promise<{ timeZone: string; count: number }[]> {
  const rows = await db
    .selectFrom('campaign_recipients')
    .select((eb) => [
      eb.fn.coalesce('time_zone', sql.val(defaultZone)).as('zone'),
      eb.fn.countAll<string>().as('count'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('state', 'in', ['pending', 'sending'])
    .groupBy('zone')
    .execute();
  return rows.map((r) => ({ timeZone: String(r.zone), count: Number(r.count) }));
}

export type Eligibility = 'ok' | 'opted_out' | 'no_consent' | 'frequency_cap';

/**
 * Checked right before each send: the customer's marketing consent on WhatsApp now (a STOP/BAJA
 * a minute ago counts) and their marketing messages from other campaigns within the cap's window.
 */
export async function sendEligibility(
  db: Db,
  r: { customerId: string; campaignId: string; capCount: number; capDays: number; now: Date },
): Promise<Eligibility> {
  const since = new Date(r.now.getTime() - r.capDays * 86_400_000);
  const row = await db
    .selectNoFrom((eb) => [
      currentConsentQuery(db, r.customerId, 'whatsapp', 'marketing')
        .select('granted')
        .as('granted'),
      eb
        .selectFrom('campaign_recipients')
        .select((e) => e.fn.countAll<string>().as('n'))
        .where('customer_id', '=', r.customerId)
        .where('campaign_id', '!=', r.campaignId)
        .where('sent_at', '>', since)
        .as('recent'),
    ])
    .executeTakeFirstOrThrow();
  if (row.granted === null) return 'no_consent';
  if (!row.granted) return 'opted_out';
  if (Number(row.recent) >= r.capCount) return 'frequency_cap';
  return 'ok';
}

/**
 * Claims pending recipients' sends (one each) and stores their outbound messages (no interaction;
 * the customer's timeline) in one statement — only for customers whose marketing consent stands
 * and who are under the frequency cap (`cap`), both checked per row in that same statement, so a
 * STOP/BAJA recorded before it is honoured. Returns the claimed recipients' message ids; a recipient
 * missing from it (not pending any more, or not eligible: the caller asks sendEligibility why) must
 * not be sent.
 */
export async function claimRecipientSends(
  db: Db,
  r: {
    campaignId: string;
    sends: { recipientId: string; body: string | null }[];
    cap: { count: number; days: number };
    now: Date;
  },
): Promise<Map<string, string>> {
  if (!r.sends.length) return new Map();
  const messageIds = r.sends.map(() => randomUUID());
  const since = new Date(r.now.getTime() - r.cap.days * 86_400_000);
  const consent = currentConsentQuery(
    db,
    sql.ref<string>('r.customer_id'),
    'whatsapp',
    'marketing',
  ).select('granted');
  const { rows } = await sql<{ id: string; message_id: string }>`
    with wanted as (
      select * from unnest(
        ${r.sends.map((s) => s.recipientId)}::uuid[], ${messageIds}::uuid[], ${r.sends.map((s) => s.body)}::text[]
      ) as w(recipient_id, message_id, body)
    ), claimed as (
      update campaign_recipients r
         set state = 'sending', message_id = w.message_id, send_started_at = ${r.now}, updated_at = ${r.now}
        from wanted w
       where r.id = w.recipient_id
         -- By id first (the index): consent and cap are then weighed for these rows only.
         and r.id = any(${r.sends.map((s) => s.recipientId)}::uuid[])
         and r.campaign_id = ${r.campaignId}
         and r.state = 'pending'
         and (${consent}) = true
         and (select count(*) from campaign_recipients other
               where other.customer_id = r.customer_id
                 and other.campaign_id <> ${r.campaignId}
                 and other.sent_at > ${since}) < ${r.cap.count}
      returning r.id, r.customer_id, w.message_id, w.body
    ), stored as (
      insert into messages (id, interaction_id, customer_id, direction, channel, agent_id, body,
                            provider, delivery_status, context, created_at, updated_at)
      select message_id, null, customer_id, 'outbound', 'whatsapp', null, body,
             'twilio', 'accepted', ${JSON.stringify({ campaignId: r.campaignId })}::jsonb, ${r.now}, ${r.now}
        from claimed
      returning id
    )
    select id, message_id from claimed`.execute(db);
  return new Map(rows.map((row) => [row.id, row.message_id]));
}

/**
 * Twilio accepted these sends (written together, a few at a time): each message gets its sid
 * (unless a callback already attached it), each recipient is sent.
 */
export async function recordSendsAccepted(
  db: Db,
  sends: { recipientId: string; messageId: string; sid: string; status: string }[],
  now: Date,
): Promise<void> {
  if (!sends.length) return;
  await sql`
    with accepted as (
      select * from unnest(
        ${sends.map((s) => s.recipientId)}::uuid[], ${sends.map((s) => s.messageId)}::uuid[],
        ${sends.map((s) => s.sid)}::text[], ${sends.map((s) => s.status)}::text[]
      ) as a(recipient_id, message_id, sid, status)
    ), message as (
      update messages m
         set provider_message_id = coalesce(m.provider_message_id, a.sid),
             delivery_status = case when m.provider_message_id is null then a.status else m.delivery_status end,
             updated_at = ${now}
        from accepted a
       where m.id = a.message_id
         and m.id = any(${sends.map((s) => s.messageId)}::uuid[])
      returning m.id
    )
    update campaign_recipients r
       set state = case when r.state = 'failed' then 'failed' else 'sent' end,
           sent_at = coalesce(r.sent_at, ${now}),
           delivery_status = coalesce(r.delivery_status, a.status),
           updated_at = ${now}
      from accepted a
     where r.id = a.recipient_id
       and r.id = any(${sends.map((s) => s.recipientId)}::uuid[])`.execute(db);
}

/** Marks the send's message failed with Twilio's code, in the same statement as the recipient's update. */
function withMessageFailed(db: Db, r: { messageId: string; errorCode: string; now: Date }) {
  return db.with('message', (qb) =>
    qb
      .updateTable('messages')
      .set({ delivery_status: 'failed', error_code: r.errorCode, updated_at: r.now })
      .where('id', '=', r.messageId)
      .returning('id'),
  );
}

/** Twilio refused the send for good: message and recipient failed with its code. */
export async function recordSendRefused(
  db: Db,
  r: { recipientId: string; messageId: string; errorCode: string; now: Date },
): Promise<void> {
  await withMessageFailed(db, r)
    .updateTable('campaign_recipients')
    .set({ state: 'failed', error_code: r.errorCode, delivery_status: 'failed', updated_at: r.now })
    .where('id', '=', r.recipientId)
    .execute();
}

/**
 * Twilio answered "not now" (130429, 131056, 63018): this message failed, the recipient waits
 * until `notBefore` and is sent afresh (a new message) then.
 */
export async function deferRecipientSend(
  db: Db,
  r: { recipientId: string; messageId: string; errorCode: string; notBefore: Date; now: Date },
): Promise<void> {
  await withMessageFailed(db, r)
    .updateTable('campaign_recipients')
    .set((eb) => ({
      state: 'pending',
      message_id: null,
      send_started_at: null,
      error_code: r.errorCode,
      not_before: r.notBefore,
      attempts: eb('attempts', '+', 1),
      updated_at: r.now,
    }))
    .where('id', '=', r.recipientId)
    .execute();
}

/** The request certainly never reached Twilio: the claim and its message are undone, the recipient is due again. */
export async function releaseRecipientSend(
  db: Db,
  r: { recipientId: string; messageId: string; now: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('campaign_recipients')
      .set({ state: 'pending', message_id: null, send_started_at: null, updated_at: r.now })
      .where('id', '=', r.recipientId)
      .execute();
    await trx
      .deleteFrom('messages')
      .where('id', '=', r.messageId)
      .where('provider_message_id', 'is', null)
      .execute();
  });
}

/** Changes a recipient still pending (one already claimed or settled is left as it is). */
async function updatePendingRecipient(
  db: Db,
  recipientId: string,
  values: Updateable<CampaignRecipientsTable>,
): Promise<void> {
  await db
    .updateTable('campaign_recipients')
    .set(values)
    .where('id', '=', recipientId)
    .where('state', '=', 'pending')
    .execute();
}

/** Waits (quiet hours in their time zone, per-person spacing) before this recipient is tried again. */
export async function deferRecipient(
  db: Db,
  r: { recipientId: string; notBefore: Date; now: Date },
): Promise<void> {
  await updatePendingRecipient(db, r.recipientId, { not_before: r.notBefore, updated_at: r.now });
}

export async function skipRecipient(
  db: Db,
  r: { recipientId: string; reason: string; now: Date },
): Promise<void> {
  await updatePendingRecipient(db, r.recipientId, {
    state: 'skipped',
    skip_reason: r.reason,
    updated_at: r.now,
  });
}

/**
 * Sends claimed by an attempt that was cut off (a worker killed mid-request): the request may have
 * reached Twilio, so they are never repeated. Those a status callback already tied to Twilio's sid
 * are sent; the others read "outcome unknown" until a callback says otherwise.
 */
export async function settleInterruptedSends(
  db: Db,
  campaignId: string,
  now: Date,
): Promise<number> {
  const rows = await db
    .updateTable('campaign_recipients')
    .set({
      state: sql`case when exists (select 1 from messages m where m.id = campaign_recipients.message_id and m.provider_message_id is not null) then 'sent' else 'unknown' end`,
      error_code: sql`case when exists (select 1 from messages m where m.id = campaign_recipients.message_id and m.provider_message_id is not null) then error_code else 'send_outcome_unknown' end`,
      sent_at: sql`coalesce(sent_at, send_started_at)`,
      updated_at: now,
    })
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'sending')
    .returning('id')
    .execute();
  return rows.length;
}

const statusRank = (status: Expression<string | null> | string) =>
  sql<number>`case ${status} when 'accepted' then 1 when 'queued' then 2 when 'sending' then 3 when 'sent' then 4 when 'delivered' then 5 when 'read' then 6 when 'undelivered' then 7 when 'failed' then 7 else 0 end`;

/**
 * A status callback for a campaign's message: the recipient's delivery status moves forward only; a
 * failure (with Meta's code: 63018, 130429, 131049, 131056…) fails the recipient; an "outcome
 * unknown" recipient is known sent. Undefined when the message is not a campaign's.
 */
export function applyRecipientStatus(
  db: Db,
  r: { messageId: string; status: string; errorCode: string | null; now: Date },
): Promise<{ id: string; campaign_id: string } | undefined> {
  const failed = r.status === 'failed' || r.status === 'undelivered';
  return db
    .updateTable('campaign_recipients')
    .set({
      delivery_status: sql`case when ${statusRank(r.status)} > ${statusRank(sql.ref('delivery_status'))} then ${r.status} else delivery_status end`,
      error_code: sql`coalesce(${r.errorCode}, error_code)`,
      state: failed
        ? 'failed'
        : sql`case when state in ('sending', 'unknown') then 'sent' else state end`,
      sent_at: sql`coalesce(sent_at, ${r.now})`,
      updated_at: r.now,
    })
    .where('message_id', '=', r.messageId)
    .returning(['id', 'campaign_id'])
    .executeTakeFirst();
}

export interface CampaignProgressRow {
  total: number;
  queued: number;
  sending: number;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  failed: number;
  skipped: number;
  unknown: number;
  optedOut: number;
  failedByCode: { code: string; count: number }[];
  skippedByReason: { reason: string; count: number }[];
  linkClicks: number;
}

const count = (cond: Expression<SqlBool>) => sql<string>`count(*) filter (where ${cond})`;

/** Recipients in `state` per value of `column` (failures by Twilio code, skips by reason). */
function countsBy(
  db: Db,
  campaignId: string,
  state: 'failed' | 'skipped',
  column: 'error_code' | 'skip_reason',
) {
  return db
    .selectFrom('campaign_recipients')
    .select((eb) => [
      sql<string>`coalesce(${sql.ref(column)}, 'unknown')`.as('key'),
      eb.fn.countAll<string>().as('count'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('state', '=', state)
    .groupBy(column)
    .orderBy(column)
    .execute();
}

export async function campaignProgress(db: Db, campaignId: string): Promise<CampaignProgressRow> {
  const [totals, codes, reasons, links] = await Promise.all([
    db
      .selectFrom('campaign_recipients')
      .select((eb) => [
        eb.fn.countAll<string>().as('total'),
        count(eb('state', '=', 'pending')).as('queued'),
        count(eb('state', '=', 'sending')).as('sending'),
        count(eb('state', 'in', ['sent'])).as('sent'),
        count(eb('delivery_status', 'in', ['delivered', 'read'])).as('delivered'),
        count(eb('delivery_status', '=', 'read')).as('read'),
        count(eb('replied_at', 'is not', null)).as('replied'),
        count(eb('state', '=', 'failed')).as('failed'),
        count(eb('state', '=', 'skipped')).as('skipped'),
        count(eb('state', '=', 'unknown')).as('unknown'),
        count(eb('skip_reason', '=', 'opted_out')).as('optedOut'),
      ])
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow(),
    countsBy(db, campaignId, 'failed', 'error_code'),
    countsBy(db, campaignId, 'skipped', 'skip_reason'),
    db
      .selectFrom('campaign_links')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('opens'), sql<string>`0`).as('clicks'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow(),
  ]);
  const n = (v: string | number | bigint) => Number(v);
  return {
    total: n(totals.total),
    queued: n(totals.queued),
    sending: n(totals.sending),
    sent: n(totals.sent),
    delivered: n(totals.delivered),
    read: n(totals.read),
    replied: n(totals.replied),
    failed: n(totals.failed),
    skipped: n(totals.skipped),
    unknown: n(totals.unknown),
    optedOut: n(totals.optedOut),
    failedByCode: codes.map((c) => ({ code: c.key, count: n(c.count) })),
    skippedByReason: reasons.map((r) => ({ reason: r.key, count: n(r.count) })),
    linkClicks: n(links.clicks),
  };
}

/**
 * What the auto-pause weighs: sends attempted, those failed (refused or failed on delivery), and
 * recipients who withdrew consent (STOP/BAJA) after their message or were found opted out at send.
 */
export async function campaignHealth(
  db: Db,
  campaignId: string,
): Promise<{ attempted: number; failed: number; blocked: number }> {
  const row = await db
    .selectFrom('campaign_recipients as r')
    .select((eb) => [
      count(eb('r.state', 'in', ['sent', 'failed', 'unknown'])).as('attempted'),
      count(eb('r.state', '=', 'failed')).as('failed'),
      count(
        eb.or([
          eb('r.skip_reason', '=', 'opted_out'),
          eb.and([
            eb('r.sent_at', 'is not', null),
            eb.exists(
              eb
                .selectFrom('consents as c')
                .select('c.id')
                .whereRef('c.customer_id', '=', 'r.customer_id')
                .where('c.channel', '=', 'whatsapp')
                .where('c.purpose', 'in', ['marketing', 'all'])
                .where('c.granted', '=', false)
                .whereRef('c.created_at', '>', 'r.sent_at'),
            ),
          ]),
        ]),
      ).as('blocked'),
    ])
    .where('r.campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return {
    attempted: Number(row.attempted),
    failed: Number(row.failed),
    blocked: Number(row.blocked),
  };
}

/**
 * A WhatsApp message from a customer who got a campaign message since `since` and has not replied
 * to it yet: the reply is tied to that campaign (the newest) and its interaction. Undefined otherwise.
 */
export function linkCampaignReply(
  db: Db,
  r: { customerId: string; interactionId: string; since: Date; now: Date },
): Promise<{ campaign_id: string } | undefined> {
  return db
    .updateTable('campaign_recipients')
    .set({ replied_at: r.now, reply_interaction_id: r.interactionId, updated_at: r.now })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('campaign_recipients')
        .select('id')
        .where('customer_id', '=', r.customerId)
        .where('sent_at', '>=', r.since)
        .where('replied_at', 'is', null)
        .where('state', 'in', ['sent', 'unknown'])
        .orderBy('sent_at', 'desc')
        .limit(1),
    )
    .returning('campaign_id')
    .executeTakeFirst();
}

/** The campaign a reply interaction answers, with the message the customer got; undefined when none. */
export function campaignReplyContext(db: Db, interactionId: string) {
  return db
    .selectFrom('campaign_recipients as r')
    .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
    .leftJoin('messages as m', 'm.id', 'r.message_id')
    .select(['r.campaign_id', 'c.name', 'c.template_sid', 'm.body', 'r.sent_at'])
    .where('r.reply_interaction_id', '=', interactionId)
    .orderBy('r.replied_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface RecipientResultRow {
  id: string;
  customer_id: string;
  display_name: string | null;
  to_number: string;
  state: string;
  skip_reason: string | null;
  delivery_status: string | null;
  error_code: string | null;
  sent_at: Date | null;
  replied_at: Date | null;
  link_opens: number | null;
}

/** A page of per-recipient results in id order (the CSV export streams them page by page). */
export function recipientResults(
  db: Db,
  campaignId: string,
  afterId: string | null,
  limit: number,
): Promise<RecipientResultRow[]> {
  let q = db
    .selectFrom('campaign_recipients as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .leftJoin('campaign_links as l', 'l.recipient_id', 'r.id')
    .select([
      'r.id',
      'r.customer_id',
      'c.display_name',
      'r.to_number',
      'r.state',
      'r.skip_reason',
      'r.delivery_status',
      'r.error_code',
      'r.sent_at',
      'r.replied_at',
      'l.opens as link_opens',
    ])
    .where('r.campaign_id', '=', campaignId)
    .orderBy('r.id')
    .limit(limit);
  if (afterId) q = q.where('r.id', '>', afterId);
  return q.execute();
}

/**
 * The tracked links of recipients' messages (one per recipient; a retried send gets the same token),
 * by recipient id. `links` carries a fresh token for each, used when the recipient has none yet.
 */
export async function ensureCampaignLinks(
  db: Db,
  r: { campaignId: string; url: string; links: { recipientId: string; token: string }[] },
): Promise<Map<string, string>> {
  if (!r.links.length) return new Map();
  const rows = await db
    .insertInto('campaign_links')
    .values(
      r.links.map((l) => ({
        token: l.token,
        campaign_id: r.campaignId,
        recipient_id: l.recipientId,
        url: r.url,
        first_opened_at: null,
      })),
    )
    .onConflict((oc) =>
      oc.column('recipient_id').doUpdateSet({ url: (eb) => eb.ref('campaign_links.url') }),
    )
    .returning(['recipient_id', 'token'])
    .execute();
  return new Map(rows.map((row) => [row.recipient_id, row.token]));
}

/** Counts an open of a campaign link; where it leads and whose campaign it is, or undefined. */
export function recordCampaignLinkOpen(
  db: Db,
  token: string,
  now: Date,
): Promise<{ url: string; campaign_id: string } | undefined> {
  return db
    .updateTable('campaign_links')
    .set((eb) => ({
      opens: eb('opens', '+', 1),
      first_opened_at: sql`coalesce(first_opened_at, ${now})`,
    }))
    .where('token', '=', token)
    .returning(['url', 'campaign_id'])
    .executeTakeFirst();
}

export function getRecipient(db: Db, id: string): Promise<CampaignRecipient | undefined> {
  return db.selectFrom('campaign_recipients').selectAll().where('id', '=', id).executeTakeFirst();
}
