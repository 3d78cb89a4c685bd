import { sql, type RawBuilder } from 'kysely';
import type { Channel } from '@cc/core/channels';
import type { Db } from '../database';
import { messageColumns } from '../tables/messages';
import { countInteractionsInvolvingAgent, interactionsInvolvingAgent } from './interaction-visibility';
import type { TimelineEntry } from './timeline';

/** Marks ts_headline puts around a match: control characters no message can carry (they are stripped first). */
export const snippetStart = '\u0002';
export const snippetStop = '\u0003';

export interface ArchiveFilter {
  /** websearch syntax: words, "a phrase", -excluded, or. */
  query: string;
  customerId?: string | null;
  /** Interactions assigned to this agent. */
  agentId?: string | null;
  channels?: readonly Channel[] | null;
  queueId?: string | null;
  from?: Date | null;
  to?: Date | null;
  dispositionId?: string | null;
  /** Customers carrying any of these tags. */
  tags?: readonly string[] | null;
}

/** Up to this many interactions, an agent's search reads their rows by interaction instead of walking by date. */
export const fewInteractionsLimit = 5000;

/** Who is searching: everything (supervisors, admins, keys), or only what an agent took part in. */
export type ArchiveVisibility = { kind: 'all' } | { kind: 'involved'; agentId: string };

export interface ArchiveCursor {
  /** The last hit's `cursor_at`: microseconds, as PostgreSQL keeps them (a Date holds milliseconds). */
  createdAt: string;
  key: string;
}

export interface ArchiveHit {
  /** `m:<message id>` or `n:<event id>`: unique across sources, the keyset's tie-breaker. */
  key: string;
  kind: 'message' | 'note';
  id: string;
  interaction_id: string | null;
  customer_id: string;
  channel: Channel;
  direction: 'inbound' | 'outbound' | null;
  /** The writer: the agent of an outbound message, the author of a note; null for the customer's. */
  author_id: string | null;
  created_at: Date;
  /** created_at in ISO 8601 UTC to the microsecond: what a page's cursor carries, so hits written within one millisecond are neither skipped nor repeated. */
  cursor_at: string;
  /** A fragment with each match between snippetStart and snippetStop; not escaped (plain text). */
  snippet: string;
}

/**
 * The conditions both sources share — filters on the interaction (and customer) a hit belongs to,
 * the time range, the keyset — and the policy's scope for agents. The keyset also bounds the date
 * on its own, so a walk of the date index starts at the cursor.
 */
function sharedConditions(
  db: Db,
  columns: { customer: string; interaction: string; created: string; key: RawBuilder<string> },
  filter: ArchiveFilter,
  visibility: { kind: 'all' } | { kind: 'involved'; agentId: string; fewInteractions: boolean },
  before: ArchiveCursor | undefined,
) {
  const conditions: RawBuilder<unknown>[] = [];
  if (filter.agentId) conditions.push(sql`interactions.assigned_agent_id = ${filter.agentId}`);
  if (filter.queueId) conditions.push(sql`interactions.queue_id = ${filter.queueId}`);
  if (filter.dispositionId) conditions.push(sql`interactions.disposition_id = ${filter.dispositionId}`);
  if (filter.tags?.length) conditions.push(sql`exists (select 1 from customers tagged where tagged.id = ${sql.ref(columns.customer)} and tagged.tags && ${sql.val([...filter.tags])}::text[])`);
  if (filter.from) conditions.push(sql`${sql.ref(columns.created)} >= ${filter.from}`);
  if (filter.to) conditions.push(sql`${sql.ref(columns.created)} < ${filter.to}`);
  if (before) {
    conditions.push(sql`${sql.ref(columns.created)} <= ${before.createdAt}::timestamptz`);
    conditions.push(sql`(${sql.ref(columns.created)}, ${columns.key}) < (${before.createdAt}::timestamptz, ${before.key})`);
  }
  if (visibility.kind === 'involved') {
    // An agent finds only what they took part in (policy.ts); messages outside any interaction are not theirs.
    const involved = interactionsInvolvingAgent(db, visibility.agentId);
    if (visibility.fewInteractions) {
      // Few interactions: read their rows through the interaction index and sort those — bounded by
      // the agent's own history whatever the words (a walk by date found nothing for words the
      // statistics took for common and read the whole table: 0.9 s over a million messages).
      conditions.push(sql`${sql.ref(columns.interaction)} = any(array(${involved}))`);
    } else {
      // Many: walk by date with a hashed lookup per row. `is true` keeps it a lookup: a plain `in`
      // became a join comparing each message with every one of the agent's interactions.
      conditions.push(sql`(${sql.ref(columns.interaction)} in (${involved})) is true`);
    }
  }
  return conditions.length ? sql<boolean>`${sql.join(conditions, sql` and `)}` : sql<boolean>`true`;
}

/**
 * Full-text search over message bodies (every channel) and agents' notes, newest first, keyset
 * paged by (created_at, key). Each source is matched against its stored document (migration
 * 2026-12-06T0100) and cut to the page before the two are merged: for a common word PostgreSQL
 * walks the source's date index newest first and stops at the page, for a rare one it takes the
 * GIN index and sorts the few matches (its per-word statistics decide). Snippets are made for the
 * page's rows only, in Spanish or, when that marks nothing, English. Known limit: words the
 * statistics take for common that match almost nothing in scope (a filter excludes them) make the
 * walk read far down the table; an agent's search avoids it while their history is small.
 */
export async function searchArchive(
  db: Db,
  filter: ArchiveFilter,
  visibility: ArchiveVisibility,
  page: { limit: number; before?: ArchiveCursor },
  /** Agents with more interactions than this are searched by a walk by date. */
  fewInteractions = fewInteractionsLimit,
): Promise<ArchiveHit[]> {
  const scope: { kind: 'all' } | { kind: 'involved'; agentId: string; fewInteractions: boolean } =
    visibility.kind === 'involved'
      ? { ...visibility, fewInteractions: (await countInteractionsInvolvingAgent(db, visibility.agentId, fewInteractions)) <= fewInteractions }
      : visibility;
  const tsquery = sql`archive_query(${filter.query})`;
  const messageKey = sql<string>`'m:' || m.id::text`;
  const noteKey = sql<string>`'n:' || e.id::text`;

  let messages = db
    .selectFrom('messages as m')
    // Left join to a primary key: PostgreSQL drops it when no filter reads the interaction.
    .leftJoin('interactions', 'interactions.id', 'm.interaction_id')
    .select([
      sql<string>`${messageKey}`.as('key'),
      sql<string>`'message'`.as('kind'),
      sql<string>`m.id::text`.as('id'),
      sql<string | null>`m.interaction_id::text`.as('interaction_id'),
      'm.customer_id as hit_customer_id',
      'm.channel',
      sql<string | null>`m.direction`.as('direction'),
      sql<string | null>`m.agent_id::text`.as('author_id'),
      'm.created_at',
      'm.body as text',
    ])
    .where('m.body', 'is not', null)
    .where(sql<boolean>`m.search_document @@ ${tsquery}`);
  if (filter.customerId) messages = messages.where('m.customer_id', '=', filter.customerId);
  if (filter.channels?.length) messages = messages.where('m.channel', 'in', [...filter.channels]);
  messages = messages.where(sharedConditions(db, { customer: 'm.customer_id', interaction: 'm.interaction_id', created: 'm.created_at', key: messageKey }, filter, scope, page.before));

  let notes = db
    .selectFrom('interaction_events as e')
    .innerJoin('interactions', 'interactions.id', 'e.interaction_id')
    .select([
      sql<string>`${noteKey}`.as('key'),
      sql<string>`'note'`.as('kind'),
      sql<string>`e.id::text`.as('id'),
      sql<string | null>`e.interaction_id::text`.as('interaction_id'),
      'interactions.customer_id as hit_customer_id',
      'interactions.channel',
      sql<string | null>`null`.as('direction'),
      sql<string | null>`case when e.actor_type = 'user' then e.actor_id::text end`.as('author_id'),
      'e.created_at',
      sql<string>`e.data->>'text'`.as('text'),
    ])
    .where('e.type', '=', 'note')
    .where(sql<boolean>`e.note_document @@ ${tsquery}`);
  if (filter.customerId) notes = notes.where('interactions.customer_id', '=', filter.customerId);
  if (filter.channels?.length) notes = notes.where('interactions.channel', 'in', [...filter.channels]);
  notes = notes.where(sharedConditions(db, { customer: 'interactions.customer_id', interaction: 'e.interaction_id', created: 'e.created_at', key: noteKey }, filter, scope, page.before));

  const limit = page.limit;
  const options = sql.lit(`StartSel=${snippetStart}, StopSel=${snippetStop}, MaxWords=35, MinWords=15`);
  const { rows } = await sql<ArchiveHit>`
    select hits.key, hits.kind, hits.id, hits.interaction_id, hits.hit_customer_id as customer_id, hits.channel,
           hits.direction, hits.author_id, hits.created_at,
           to_char(hits.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at,
           case when strpos(es.h, ${snippetStart}) > 0 then es.h
                else ts_headline('archive_en', hits.clean, ${tsquery}, ${options}) end as snippet
    from (
      select h.*, translate(h.text, ${snippetStart + snippetStop}, '') as clean
      from ((${messages.orderBy('created_at', 'desc').orderBy('key', 'desc').limit(limit)}) union all (${notes.orderBy('created_at', 'desc').orderBy('key', 'desc').limit(limit)})) h
      order by h.created_at desc, h.key desc
      limit ${limit}
    ) hits
    cross join lateral (select ts_headline('archive_es', hits.clean, ${tsquery}, ${options}) as h) es
    order by hits.created_at desc, hits.key desc
  `.execute(db);
  return rows;
}

/** One interaction's messages and timeline events, oldest first: what its transcript prints. */
export async function interactionTranscriptEntries(db: Db, interactionId: string): Promise<TimelineEntry[]> {
  const [messages, events] = await Promise.all([
    db.selectFrom('messages').select(messageColumns).where('interaction_id', '=', interactionId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('interaction_events').selectAll().where('interaction_id', '=', interactionId).orderBy('created_at').orderBy('id').execute(),
  ]);
  const entries: TimelineEntry[] = [
    ...messages.map((message) => ({ kind: 'message' as const, at: message.created_at, message })),
    ...events.map((event) => ({ kind: 'event' as const, at: event.created_at, event })),
  ];
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
