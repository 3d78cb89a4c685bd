import { sql } from 'kysely';
import type { Db } from '../database';
import type { CobrowseEndReason, CobrowseSession } from '../tables/cobrowse';

export function getCobrowseSession(db: Db, id: string): Promise<CobrowseSession | undefined> {
  return db.selectFrom('cobrowse_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listInteractionCobrowseSessions(db: Db, interactionId: string): Promise<CobrowseSession[]> {
  return db.selectFrom('cobrowse_sessions').selectAll().where('interaction_id', '=', interactionId).orderBy('started_at').execute();
}

/**
 * A shared page waiting for an agent to type `code`; undefined when another waiting share holds
 * that code now (the caller draws another). An expired holder gives the code up first.
 */
export async function createWaitingShare(db: Db, share: { siteId: string; code: string; codeExpiresAt: Date; now: Date }): Promise<CobrowseSession | undefined> {
  await db
    .updateTable('cobrowse_sessions')
    .set({ code: null, status: 'ended', ended_at: share.now, end_reason: 'expired' })
    .where('code', '=', share.code)
    .where('code_expires_at', '<=', share.now)
    .execute();
  return db
    .insertInto('cobrowse_sessions')
    .values({ site_id: share.siteId, status: 'waiting', via: 'code', code: share.code, code_expires_at: share.codeExpiresAt, started_at: share.now })
    .onConflict((oc) => oc.column('code').where('code', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function createInvitedSession(
  db: Db,
  invite: { siteId: string; interactionId: string; agentId: string; inviteTokenHash: string; inviteExpiresAt: Date; now: Date },
): Promise<CobrowseSession> {
  return db
    .insertInto('cobrowse_sessions')
    .values({
      site_id: invite.siteId,
      interaction_id: invite.interactionId,
      agent_id: invite.agentId,
      status: 'invited',
      via: 'invite',
      invite_token_hash: invite.inviteTokenHash,
      invite_expires_at: invite.inviteExpiresAt,
      started_at: invite.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setCobrowsePush(db: Db, sessionId: string, pushId: string): Promise<void> {
  await db.updateTable('cobrowse_sessions').set({ push_id: pushId }).where('id', '=', sessionId).execute();
}

/** The code's waiting share, bound to the call and its agent; the code is spent. Undefined: no such live code. */
export function claimShareByCode(db: Db, claim: { code: string; interactionId: string; agentId: string; now: Date }): Promise<CobrowseSession | undefined> {
  return db
    .updateTable('cobrowse_sessions')
    .set({ interaction_id: claim.interactionId, agent_id: claim.agentId, status: 'pending_consent', code: null, code_expires_at: null })
    .where('code', '=', claim.code)
    .where('status', '=', 'waiting')
    .where('code_expires_at', '>', claim.now)
    .returningAll()
    .executeTakeFirst();
}

/** The invitation behind a pushed link, opened by the customer (again, after a reload, until they accept). */
export function openInvitation(db: Db, tokenHash: string, now: Date): Promise<CobrowseSession | undefined> {
  return db
    .updateTable('cobrowse_sessions')
    .set({ status: 'pending_consent' })
    .where('invite_token_hash', '=', tokenHash)
    .where('status', 'in', ['invited', 'pending_consent'])
    .where('invite_expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

export function acceptCobrowseSession(db: Db, accept: { id: string; evidence: Record<string, unknown>; now: Date }): Promise<CobrowseSession | undefined> {
  return db
    .updateTable('cobrowse_sessions')
    .set({ status: 'active', consented_at: accept.now, consent_evidence: JSON.stringify(accept.evidence) })
    .where('id', '=', accept.id)
    .where('status', '=', 'pending_consent')
    .returningAll()
    .executeTakeFirst();
}

/**
 * What live sessions were sent since the last write (the API counts batches in memory, or Redis,
 * and writes here at most once a second and at the end): the last seq (never lowered) and the
 * bytes to add, for many sessions in one statement. Their status now, so a holder learns of an end.
 */
export async function recordCobrowseProgress(db: Db, rows: readonly { id: string; lastSeq: number; bytes: number }[]): Promise<{ id: string; status: CobrowseSession['status'] }[]> {
  if (rows.length === 0) return [];
  return db
    .updateTable('cobrowse_sessions as s')
    .from(
      sql<{ id: string; seq: number; bytes: string }>`(select unnest(${rows.map((r) => r.id)}::uuid[]) as id, unnest(${rows.map((r) => r.lastSeq)}::int[]) as seq, unnest(${rows.map((r) => r.bytes)}::bigint[]) as bytes)`.as('v'),
    )
    .set({ last_seq: sql`greatest(s.last_seq, v.seq)`, bytes_received: sql`s.bytes_received + v.bytes` })
    .whereRef('s.id', '=', 'v.id')
    .returning(['s.id', 's.status'])
    .execute();
}

/**
 * A full snapshot's address becomes the session's current page, added to the pages visited when it
 * changed. The page before (to tell a new page from a reload); undefined when the session is gone.
 */
export async function moveCobrowsePage(db: Db, move: { id: string; page: string }): Promise<{ previousUrl: string | null } | undefined> {
  const row = await db
    .updateTable('cobrowse_sessions as s')
    .from(db.selectFrom('cobrowse_sessions').select(['id', 'current_url as previous_url']).where('id', '=', move.id).as('before'))
    .set({
      current_url: move.page,
      pages_visited: sql`case when s.current_url is distinct from ${move.page} then array_append(s.pages_visited, ${move.page}::text) else s.pages_visited end`,
    })
    .whereRef('before.id', '=', 's.id')
    .returning(['before.previous_url'])
    .executeTakeFirst();
  return row && { previousUrl: row.previous_url };
}

/** Ends one session unless it already ended; undefined then. */
export function endCobrowseSession(db: Db, end: { id: string; reason: CobrowseEndReason; now: Date }): Promise<CobrowseSession | undefined> {
  return db
    .updateTable('cobrowse_sessions')
    .set({ status: 'ended', ended_at: end.now, end_reason: end.reason, code: null })
    .where('id', '=', end.id)
    .where('status', '<>', 'ended')
    .returningAll()
    .executeTakeFirst();
}

/** Ends every open session of an interaction (the call ended); the sessions just ended. */
export function endInteractionCobrowseSessions(db: Db, end: { interactionId: string; reason: CobrowseEndReason; now: Date }): Promise<CobrowseSession[]> {
  return db
    .updateTable('cobrowse_sessions')
    .set({ status: 'ended', ended_at: end.now, end_reason: end.reason, code: null })
    .where('interaction_id', '=', end.interactionId)
    .where('status', '<>', 'ended')
    .returningAll()
    .execute();
}

/** Kept batches (sites with retention), many in one statement; a batch already kept stays as it is. */
export async function storeCobrowseRecordings(db: Db, recs: readonly { sessionId: string; seq: number; url: string | null; packed: Buffer[]; bytes: number; keepUntil: Date; now: Date }[]): Promise<void> {
  if (recs.length === 0) return;
  await db
    .insertInto('cobrowse_recordings')
    .values(recs.map((rec) => ({ session_id: rec.sessionId, seq: rec.seq, url: rec.url, packed: rec.packed, bytes: rec.bytes, keep_until: rec.keepUntil, created_at: rec.now })))
    .onConflict((oc) => oc.columns(['session_id', 'seq']).doNothing())
    .execute();
}

export function listCobrowseRecordings(db: Db, sessionId: string) {
  return db.selectFrom('cobrowse_recordings').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute();
}

/** For reports: sessions that reached the agent (consented) since `since`, the calls that had one, the median length of ended ones. */
export async function cobrowseFigures(db: Db, since: Date): Promise<{ sessions: number; callsWithCobrowse: number; medianDurationSeconds: number | null }> {
  const row = await db
    .selectFrom('cobrowse_sessions')
    .where('consented_at', 'is not', null)
    .where('started_at', '>=', since)
    .select([
      sql<string>`count(*)`.as('sessions'),
      sql<string>`count(distinct interaction_id)`.as('calls'),
      sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ended_at - consented_at)) filter (where ended_at is not null)`.as('median'),
    ])
    .executeTakeFirstOrThrow();
  return { sessions: Number(row.sessions), callsWithCobrowse: Number(row.calls), medianDurationSeconds: row.median === null ? null : Math.round(Number(row.median)) };
}

export function getCobrowseSessions(db: Db, ids: readonly string[]): Promise<CobrowseSession[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('cobrowse_sessions').selectAll().where('id', 'in', [...ids]).execute();
}

/** An invitation whose push was refused leaves nothing behind. */
export async function deleteCobrowseSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('cobrowse_sessions').where('id', '=', id).execute();
}

/** The newest invitation of a call still waiting to be opened, with its push. */
export function latestPendingInvitation(db: Db, interactionId: string): Promise<CobrowseSession | undefined> {
  return db
    .selectFrom('cobrowse_sessions')
    .selectAll()
    .where('interaction_id', '=', interactionId)
    .where('status', '=', 'invited')
    .where('push_id', 'is not', null)
    .orderBy('started_at', 'desc')
    .executeTakeFirst();
}

/** The site an invitation (by its token's hash) belongs to, whatever its state. */
export async function invitationSiteId(db: Db, tokenHash: string): Promise<string | undefined> {
  return (await db.selectFrom('cobrowse_sessions').select('site_id').where('invite_token_hash', '=', tokenHash).executeTakeFirst())?.site_id;
}

/** Who asks, as the customer is told: the agent's name and the call's queue. */
export async function cobrowseAgentCard(db: Db, agentId: string | null, interactionId: string | null): Promise<{ agentName: string | null; queueName: string | null }> {
  const agent = agentId ? await db.selectFrom('users').select('name').where('id', '=', agentId).executeTakeFirst() : undefined;
  const queue = interactionId
    ? await db.selectFrom('interactions').innerJoin('queues', 'queues.id', 'interactions.queue_id').select('queues.name').where('interactions.id', '=', interactionId).executeTakeFirst()
    : undefined;
  return { agentName: agent?.name ?? null, queueName: queue?.name ?? null };
}
