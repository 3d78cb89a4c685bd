import { sql, type Expression, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { Channel } from '@cc/core/channels';
import { addSums, rollupSumNames, waitHistogramBounds, type RollupSums } from '@cc/core/report-figures';
import type { Db } from '../database';
import type { Database } from '../schema';

/**
 * Historical reports (issue 19) read from the 15-minute rollups the triggers of migration
 * 2026-12-05T0500 keep; hours, days and weeks are built from 15-minute buckets in the viewer's zone.
 */
export type ReportInterval = 'fifteen_minutes' | 'hour' | 'day' | 'week';
export type ReportGrouping = 'none' | 'queue' | 'channel' | 'agent';

export interface ReportScope {
  /** Interactions whose wait began in [from, to). */
  from: Date;
  to: Date;
  queueIds: readonly string[] | null;
  channels: readonly Channel[] | null;
  agentIds: readonly string[] | null;
}

export interface ReportQuery extends ReportScope {
  /** IANA zone hours, days and weeks are cut in. */
  timeZone: string;
  interval: ReportInterval;
  groupBy: ReportGrouping;
}

const histogram = Array.from({ length: waitHistogramBounds.length + 1 }, (_, i) => `h${String(i).padStart(2, '0')}` as const);
const additive = rollupSumNames;

export interface ReportRow {
  intervalStart: Date | null;
  intervalEnd: Date | null;
  /** The queue id, channel or agent id of the row when grouped; null otherwise. */
  groupKey: string | null;
  sums: RollupSums;
}

/** The start of the interval (in `tz`) a 15-minute bucket belongs to; a repeated DST hour stays two hours. */
export function intervalStartOf(bucket: Expression<Date>, interval: ReportInterval, tz: string): RawBuilder<Date> {
  switch (interval) {
    case 'fifteen_minutes':
      return sql<Date>`${bucket}`;
    case 'hour':
      return sql<Date>`(${bucket} - make_interval(mins => extract(minute from ${bucket} at time zone ${tz})::int))`;
    case 'day':
      return sql<Date>`date_trunc('day', ${bucket}, ${tz})`;
    case 'week':
      return sql<Date>`date_trunc('week', ${bucket}, ${tz})`;
  }
}

/** The start of the interval after the one starting at `start` (days are 23–25 h around DST). */
export function intervalEndOf(start: Expression<Date>, interval: ReportInterval, tz: string): RawBuilder<Date> {
  switch (interval) {
    case 'fifteen_minutes':
      return sql<Date>`(${start} + interval '15 minutes')`;
    case 'hour':
      return sql<Date>`(${start} + interval '1 hour')`;
    case 'day':
      return sql<Date>`date_trunc('day', ${start} + interval '26 hours', ${tz})`;
    case 'week':
      return sql<Date>`date_trunc('week', ${start} + interval '7 days 2 hours', ${tz})`;
  }
}

/** Offset (minutes) of `zone` from UTC at `at`. */
function offsetMinutes(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * Whether the hourly rows answer this report exactly: intervals of an hour or more, a range on whole
 * UTC hours, and a zone whose offset is a whole number of hours throughout (sampled weekly).
 */
export function hourlyRowsServe(q: Pick<ReportQuery, 'interval' | 'from' | 'to' | 'timeZone'>): boolean {
  if (q.interval === 'fifteen_minutes') return false;
  if (q.from.getTime() % 3_600_000 !== 0 || q.to.getTime() % 3_600_000 !== 0) return false;
  for (let t = q.from.getTime(); ; t = Math.min(t + 7 * 86_400_000, q.to.getTime())) {
    if (offsetMinutes(q.timeZone, new Date(t)) % 60 !== 0) return false;
    if (t >= q.to.getTime()) return true;
  }
}

/** Agent rows hold only what agents answered; queue rows everything. */
function byAgent(q: Pick<ReportQuery, 'agentIds' | 'groupBy'>): boolean {
  return q.agentIds !== null || q.groupBy === 'agent';
}

/** The grouping column of a rollup aliased `r`, as text. */
function groupKeyOf(groupBy: ReportGrouping): RawBuilder<string | null> {
  if (groupBy === 'queue') return sql<string>`r.queue_id::text`;
  if (groupBy === 'channel') return sql<string>`r.channel`;
  if (groupBy === 'agent') return sql<string>`r.agent_id::text`;
  return sql<string | null>`null::text`;
}

function toSums(row: Record<string, unknown>): RollupSums {
  const sums = Object.fromEntries(additive.map((c) => [c, Number(row[c] ?? 0)])) as unknown as RollupSums;
  sums.waitHistogram = histogram.map((h) => Number(row[h] ?? 0));
  return sums;
}

/**
 * Sums per interval (and group), plus the totals of the whole range when `totals` is asked: one
 * statement over the rollups. `interval: null` sums the whole range in one row per group.
 */
export async function reportRows(db: Db, q: ReportQuery, perInterval = true): Promise<ReportRow[]> {
  const agentRows = byAgent(q);
  const grouped = db
    .selectFrom('report_rollups as r')
    .select((eb) => [
      (perInterval ? intervalStartOf(eb.ref('r.bucket_start'), q.interval, q.timeZone) : sql<Date | null>`null::timestamptz`).as('interval_start'),
      groupKeyOf(q.groupBy).as('group_key'),
      ...[...additive, ...histogram].map((c) => sql<number>`coalesce(sum(${sql.ref(`r.${c}`)}), 0)::float8`.as(c)),
    ])
    .where('r.by_agent', '=', agentRows)
    .where('r.hourly', '=', hourlyRowsServe(q))
    .where('r.bucket_start', '>=', q.from)
    .where('r.bucket_start', '<', q.to)
    .$if(q.queueIds !== null, (b) => b.where('r.queue_id', 'in', q.queueIds!.length ? [...q.queueIds!] : [null as never]))
    .$if(q.channels !== null, (b) => b.where('r.channel', 'in', q.channels!.length ? [...q.channels!] : [null as never]))
    .$if(q.agentIds !== null, (b) => b.where('r.agent_id', 'in', q.agentIds!.length ? [...q.agentIds!] : [null as never]))
    .groupBy([sql`1`, sql`2`]);
  // Interval ends computed once per output row, not per rollup row read. The planner cannot know
  // that a month of hours makes thirty days: it expects thousands of groups, and with the default
  // work_mem sorts every rollup row on disk instead of hashing the few groups there are (a month by
  // day per queue: 84 → 51 ms in EXPLAIN ANALYZE). The setting lasts for this statement's transaction.
  const rows = await db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '32MB'`.execute(trx);
    return trx
      .selectFrom(grouped.as('g'))
      .selectAll('g')
      .select(() => (perInterval ? intervalEndOf(sql<Date>`g.interval_start`, q.interval, q.timeZone) : sql<Date | null>`null::timestamptz`).as('interval_end'))
      .orderBy('g.interval_start')
      .orderBy('g.group_key')
      .execute();
  });
  return rows.map((r) => ({ intervalStart: r.interval_start, intervalEnd: r.interval_end, groupKey: r.group_key, sums: toSums(r) }));
}

/** The whole range per group, summed from the interval rows (no second statement). */
export function totalsOf(rows: readonly ReportRow[]): ReportRow[] {
  const totals = new Map<string | null, ReportRow>();
  for (const r of rows) {
    const t = totals.get(r.groupKey);
    totals.set(r.groupKey, t ? { ...t, sums: addSums(t.sums, r.sums) } : { intervalStart: null, intervalEnd: null, groupKey: r.groupKey, sums: r.sums });
  }
  return [...totals.values()];
}

/** Disposition counts over the range, per group when grouped. */
export async function reportDispositions(
  db: Db,
  q: ReportQuery,
): Promise<{ groupKey: string | null; dispositionId: string; code: string; label: string; count: number }[]> {
  const rows = await db
    .selectFrom('report_disposition_rollups as r')
    .innerJoin('dispositions as d', 'd.id', 'r.disposition_id')
    .select([
      groupKeyOf(q.groupBy).as('group_key'),
      'd.id as disposition_id',
      'd.code',
      'd.label',
      sql<number>`sum(r.count)::int`.as('count'),
    ])
    .where('r.by_agent', '=', byAgent(q))
    .where('r.bucket_start', '>=', q.from)
    .where('r.bucket_start', '<', q.to)
    .$if(q.queueIds !== null, (b) => b.where('r.queue_id', 'in', q.queueIds!.length ? [...q.queueIds!] : [null as never]))
    .$if(q.channels !== null, (b) => b.where('r.channel', 'in', q.channels!.length ? [...q.channels!] : [null as never]))
    .$if(q.agentIds !== null, (b) => b.where('r.agent_id', 'in', q.agentIds!.length ? [...q.agentIds!] : [null as never]))
    .groupBy([sql`1`, 'd.id', 'd.code', 'd.label'])
    .having(sql`sum(r.count)`, '>', 0)
    .orderBy(sql`1`)
    .orderBy('d.code')
    .execute();
  return rows.map((r) => ({ groupKey: r.group_key, dispositionId: r.disposition_id, code: r.code, label: r.label, count: r.count }));
}

export interface AgentTimeRow {
  intervalStart: Date | null;
  agentId: string | null;
  /** Milliseconds per presence status. */
  presenceMs: Record<'available' | 'busy' | 'away' | 'offline', number>;
  /** Available time × the agent's slots (all channels): utilization's denominator. */
  availableSlotMs: number;
  busyMs: number;
  handleMs: number;
}

/**
 * Agent time per interval: presence (from agent_presence_periods, the open one up to `now`), and
 * on-contact / handle time from the rollup. Queues and channels do not cut agent time.
 */
export async function reportAgentTime(db: Db, q: ReportQuery, now: Date, perInterval = true): Promise<AgentTimeRow[]> {
  const origin = sql`timestamptz '2000-01-01 00:00:00+00'`;
  const end = sql`least(coalesce(p.ended_at, ${now}), ${q.to})`;
  const start = sql`greatest(p.started_at, ${q.from})`;
  const keyOf = (col: RawBuilder<Date>) => (perInterval ? intervalStartOf(col, q.interval, q.timeZone) : sql<Date | null>`null::timestamptz`);
  const perAgent = q.groupBy === 'agent';
  const agentFilter = q.agentIds === null ? sql`true` : q.agentIds.length ? sql`agent_id in (${sql.join([...q.agentIds])})` : sql`false`;
  const presence = await sql<{ interval_start: Date | null; agent_id: string | null; status: keyof AgentTimeRow['presenceMs']; ms: number; slot_ms: number }>`
    select ${keyOf(sql`b`)} as interval_start, ${perAgent ? sql`p.agent_id::text` : sql`null::text`} as agent_id, p.status,
           sum(ms)::float8 as ms, sum(ms * slots)::float8 as slot_ms
      from agent_presence_periods p
      cross join lateral (select coalesce(sum(v::int), 0) as slots from agents a, jsonb_each_text(a.capacity) c(k, v) where a.user_id = p.agent_id) s
      cross join lateral generate_series(date_bin('15 minutes', ${start}, ${origin}), ${end} - interval '1 microsecond', interval '15 minutes') b
      cross join lateral (select extract(epoch from least(${end}, b + interval '15 minutes') - greatest(${start}, b)) * 1000 as ms) m
     where p.started_at < ${q.to} and coalesce(p.ended_at, ${now}) > ${q.from} and ${agentFilter} and ms > 0
     group by 1, 2, 3`.execute(db);
  const activity = await sql<{ interval_start: Date | null; agent_id: string | null; busy_ms: number; handle_ms: number }>`
    select ${keyOf(sql`bucket_start`)} as interval_start, ${perAgent ? sql`agent_id::text` : sql`null::text`} as agent_id,
           sum(busy_ms)::float8 as busy_ms, sum(handle_ms)::float8 as handle_ms
      from report_agent_activity
     where bucket_start >= ${q.from} and bucket_start < ${q.to} and ${agentFilter}
     group by 1, 2`.execute(db);
  const rows = new Map<string, AgentTimeRow>();
  const row = (intervalStart: Date | null, agentId: string | null) => {
    const key = `${intervalStart?.toISOString() ?? ''}|${agentId ?? ''}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { intervalStart, agentId, presenceMs: { available: 0, busy: 0, away: 0, offline: 0 }, availableSlotMs: 0, busyMs: 0, handleMs: 0 }));
    return r;
  };
  for (const p of presence.rows) {
    const r = row(p.interval_start, p.agent_id);
    r.presenceMs[p.status] += p.ms;
    if (p.status === 'available') r.availableSlotMs += p.slot_ms;
  }
  for (const a of activity.rows) {
    const r = row(a.interval_start, a.agent_id);
    r.busyMs += a.busy_ms;
    r.handleMs += a.handle_ms;
  }
  return [...rows.values()].sort((a, b) => (a.intervalStart?.getTime() ?? 0) - (b.intervalStart?.getTime() ?? 0) || (a.agentId ?? '').localeCompare(b.agentId ?? ''));
}

export interface ImpactSegment {
  kind: 'push' | 'cobrowse';
  /** Calls with (true) or without (false) the thing. */
  with: boolean;
  sums: RollupSums;
}

/** Calls with an in-call push vs without, and with co-browsing vs without (AHT and FCR from the rollups). */
export async function reportImpact(db: Db, q: ReportScope): Promise<ImpactSegment[]> {
  const segments: ImpactSegment[] = [];
  for (const kind of ['push', 'cobrowse'] as const) {
    const flag = kind === 'push' ? 'r.with_push' : 'r.with_cobrowse';
    const rows = await db
      .selectFrom('report_rollups as r')
      .select([sql<boolean>`${sql.ref(flag)}`.as('flag'), ...[...additive, ...histogram].map((c) => sql<number>`coalesce(sum(${sql.ref(`r.${c}`)}), 0)::float8`.as(c))])
      .where('r.by_agent', '=', q.agentIds !== null)
      .where('r.hourly', '=', hourlyRowsServe({ ...q, interval: 'hour', timeZone: 'UTC' }))
      .where('r.channel', '=', 'voice')
      .where('r.bucket_start', '>=', q.from)
      .where('r.bucket_start', '<', q.to)
      .$if(q.queueIds !== null, (b) => b.where('r.queue_id', 'in', q.queueIds!.length ? [...q.queueIds!] : [null as never]))
      .$if(q.channels !== null && !q.channels.includes('voice'), (b) => b.where(sql<boolean>`false`))
      .$if(q.agentIds !== null, (b) => b.where('r.agent_id', 'in', q.agentIds!.length ? [...q.agentIds!] : [null as never]))
      .groupBy(sql`1`)
      .execute();
    for (const w of [true, false]) {
      const r = rows.find((x) => x.flag === w);
      segments.push({ kind, with: w, sums: toSums(r ?? {}) });
    }
  }
  return segments;
}

/** Pushes made on the range's calls: how many, how many carried a tracked link, how many of those were opened. */
export async function reportPushLinks(db: Db, q: ReportScope): Promise<{ pushes: number; linkPushes: number; linksOpened: number }> {
  const r = await outcomesInScope(db, q)
    .where('o.with_push', '=', true)
    .innerJoin('pushes as p', 'p.interaction_id', 'o.interaction_id')
    .select([
      sql<number>`count(*)::int`.as('pushes'),
      sql<number>`(count(*) filter (where exists (select 1 from push_links l where l.push_id = p.id)))::int`.as('link_pushes'),
      sql<number>`(count(*) filter (where exists (select 1 from push_links l join push_link_opens lo on lo.token = l.token where l.push_id = p.id)))::int`.as('opened'),
    ])
    .executeTakeFirstOrThrow();
  return { pushes: r.pushes, linkPushes: r.link_pushes, linksOpened: r.opened };
}

/** What a drill-down asks for: the interactions behind one figure. */
export type ReportFigure =
  | 'offered'
  | 'answered'
  | 'abandoned'
  | 'short_abandoned'
  | 'answered_in_sla'
  | 'answered_after_sla'
  | 'abandoned_after_sla'
  | 'transferred'
  | 'transferred_in'
  | 'resolved'
  | 'not_resolved'
  | 'with_push'
  | 'with_cobrowse';

function outcomesInScope(db: Db, q: ReportScope) {
  return db
    .selectFrom('interaction_outcomes as o')
    .where('o.bucket_start', '>=', q.from)
    .where('o.bucket_start', '<', q.to)
    .$if(q.queueIds !== null, (b) => b.where('o.queue_id', 'in', q.queueIds!.length ? [...q.queueIds!] : [null as never]))
    .$if(q.channels !== null, (b) => b.where('o.channel', 'in', q.channels!.length ? [...q.channels!] : [null as never]))
    .$if(q.agentIds !== null, (b) => b.where('o.agent_id', 'in', q.agentIds!.length ? [...q.agentIds!] : [null as never]));
}

function figureFilter(figure: ReportFigure | null) {
  return (eb: ExpressionBuilder<Database & { o: Database['interaction_outcomes'] }, 'o'>) => {
    switch (figure) {
      case null:
        return eb.val(true);
      case 'offered':
        return eb('o.short_abandon', '=', false);
      case 'answered':
        return eb('o.answered', '=', true);
      case 'abandoned':
        return eb.and([eb('o.abandoned', '=', true), eb('o.short_abandon', '=', false)]);
      case 'short_abandoned':
        return eb('o.short_abandon', '=', true);
      case 'answered_in_sla':
        return eb('o.in_sla', '=', true);
      case 'answered_after_sla':
        return eb.and([eb('o.answered', '=', true), eb('o.in_sla', '=', false)]);
      case 'abandoned_after_sla':
        return eb('o.abandoned_after_sla', '=', true);
      case 'transferred':
        return eb('o.transferred', '=', true);
      case 'transferred_in':
        return eb('o.transferred_in', '=', true);
      case 'resolved':
        return eb.and([eb('o.fcr_eligible', '=', true), eb('o.repeat_contact_id', 'is', null)]);
      case 'not_resolved':
        return eb.and([eb('o.fcr_eligible', '=', true), eb('o.repeat_contact_id', 'is not', null)]);
      case 'with_push':
        return eb('o.with_push', '=', true);
      case 'with_cobrowse':
        return eb('o.with_cobrowse', '=', true);
    }
  };
}

/**
 * The interactions behind a figure, oldest wait first, a page at a time (keyset on enqueued_at, id).
 * `after` is the last row of the previous page.
 */
export async function reportInteractionIds(
  db: Db,
  q: ReportScope & { figure: ReportFigure | null; dispositionId: string | null },
  page: { first: number; after: { enqueuedAt: Date; id: string } | null },
): Promise<{ id: string; enqueuedAt: Date }[]> {
  const rows = await outcomesInScope(db, q)
    .where(figureFilter(q.figure))
    .$if(q.dispositionId !== null, (b) => b.where('o.disposition_id', '=', q.dispositionId!))
    .$if(page.after !== null, (b) => b.where(sql<boolean>`(o.enqueued_at, o.interaction_id) > (${page.after!.enqueuedAt}, ${page.after!.id}::uuid)`))
    .select(['o.interaction_id as id', 'o.enqueued_at'])
    .orderBy('o.enqueued_at')
    .orderBy('o.interaction_id')
    .limit(page.first)
    .execute();
  return rows.map((r) => ({ id: r.id, enqueuedAt: r.enqueued_at }));
}

export interface OutcomeCsvRow {
  interaction_id: string;
  channel: string;
  queue: string;
  agent: string | null;
  customer_id: string;
  status: string;
  enqueued_at: Date;
  answered_at: Date | null;
  ended_at: Date;
  wait_ms: string | null;
  talk_ms: string;
  hold_ms: string;
  wrap_ms: string;
  short_abandon: boolean;
  in_sla: boolean;
  transferred: boolean;
  transferred_in: boolean;
  fcr_eligible: boolean;
  resolved: boolean | null;
  disposition: string | null;
  with_push: boolean;
  with_cobrowse: boolean;
}

/**
 * One row per ended interaction of the scope, read through a server-side cursor (flat memory at any
 * size). Small reads: a read's rows live until the last is written, and at 1000 rows a read they
 * outlived young-generation collections and were promoted; exporting a million rows in a process of
 * its own, RSS grew by ~70 MB at 1000 rows a read and ~20 MB at 100, at the same speed.
 */
export function streamOutcomes(db: Db, q: ReportScope & { figure: ReportFigure | null }, chunkSize = 100): AsyncIterableIterator<OutcomeCsvRow> {
  return outcomesInScope(db, q)
    .where(figureFilter(q.figure))
    .innerJoin('queues as qu', 'qu.id', 'o.queue_id')
    .leftJoin('users as u', 'u.id', 'o.agent_id')
    .leftJoin('dispositions as d', 'd.id', 'o.disposition_id')
    .select([
      'o.interaction_id',
      'o.channel',
      'qu.name as queue',
      'u.name as agent',
      'o.customer_id',
      'o.status',
      'o.enqueued_at',
      'o.answered_at',
      'o.ended_at',
      'o.wait_ms',
      'o.talk_ms',
      'o.hold_ms',
      'o.wrap_ms',
      'o.short_abandon',
      'o.in_sla',
      'o.transferred',
      'o.transferred_in',
      'o.fcr_eligible',
      sql<boolean | null>`case when o.fcr_eligible then o.repeat_contact_id is null end`.as('resolved'),
      'd.code as disposition',
      'o.with_push',
      'o.with_cobrowse',
    ])
    .orderBy('o.bucket_start')
    .orderBy('o.enqueued_at')
    .orderBy('o.interaction_id')
    .stream(chunkSize);
}

/** The thresholds the facts are computed with. */
export function getReportSettings(db: Db): Promise<{ short_abandon_seconds: number; fcr_window_hours: number }> {
  return db.selectFrom('report_settings').select(['short_abandon_seconds', 'fcr_window_hours']).executeTakeFirstOrThrow();
}

/**
 * New thresholds; with `rebuild`, every outcome and rollup is recomputed with them in the same
 * transaction (set-based, but proportional to the history), otherwise they apply to interactions
 * ending from now on.
 */
export async function updateReportSettings(db: Db, change: { shortAbandonSeconds: number; fcrWindowHours: number; rebuild: boolean }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('report_settings')
      .set({ short_abandon_seconds: change.shortAbandonSeconds, fcr_window_hours: change.fcrWindowHours, updated_at: sql`now()` })
      .execute();
    if (change.rebuild) await sql`select report_rebuild()`.execute(trx);
  });
}

/** Recomputes every outcome and rollup from the raw tables (back-fill, repair). */
export async function rebuildReports(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select report_rebuild()`.execute(trx);
  });
}

/** Display names of a grouping's keys (queue names, agent names; a channel is its own name). */
export async function reportGroupNames(db: Db, groupBy: ReportGrouping, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0 || groupBy === 'none') return new Map();
  if (groupBy === 'channel') return new Map(keys.map((k) => [k, k]));
  const rows =
    groupBy === 'queue'
      ? await db.selectFrom('queues').select(['id', 'name']).where('id', 'in', [...keys]).execute()
      : await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...keys]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
