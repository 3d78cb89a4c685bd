/**
 * Reports benchmark (issue 19). In its own throwaway database: generates N ended interactions
 * (default 1,000,000, set-based with generate_series; triggers off for the bulk insert, then
 * report_rebuild() back-fills the facts and rollups, timed), then runs four typical reports many
 * times through the repository (the rollups, as the report query does) and, as the baseline in the
 * same run, the same figures aggregated straight from the interactions table. Then the one-row-per-
 * interaction CSV of every interaction to a sink in a process of its own (reports-csv-child.ts),
 * sampling its RSS. Prints one JSON line.
 *
 *   npx tsx test/bench/reports.ts [--interactions 1000000] [--runs 60] [--raw-runs 3]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { reportFigures } from '@cc/core/report-figures';
import { createDb, migrateToLatest } from '@cc/db/database';
import { reportAgentTime, reportRows, totalsOf, type ReportQuery } from '@cc/db/repositories/reports';
import { createTestDatabase, startTestPostgres } from '../support/postgres';
import { percentile, round } from './stats';

const { values } = parseArgs({
  options: {
    interactions: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '60' },
    'raw-runs': { type: 'string', default: '3' },
  },
});
const total = Number(values.interactions);
const runs = Number(values.runs);
const rawRuns = Number(values['raw-runs']);

const pg = await startTestPostgres();
const database = await createTestDatabase(pg.url);
const db = createDb(database.url, { max: 4 });
const result: Record<string, unknown> = { bench: 'reports', interactions: total };
try {
  await migrateToLatest(db);
  const end = new Date('2026-11-30T00:00:00Z');
  const days = 90;
  const start = new Date(end.getTime() - days * 86_400_000);

  // Six queues, 60 agents, 200,000 customers, then the interactions: 10 % abandoned (some short),
  // 3 % transferred, the rest answered, held 1–10 min with up to a minute of wrap-up.
  const t0 = performance.now();
  await sql`insert into queues (name, channels, required_skills, sla_target_seconds) select 'Q' || g, array['voice','whatsapp','email','webchat'], '{}', 20 from generate_series(1, 6) g`.execute(db);
  await sql`insert into users (email, name, role, password_hash) select 'a' || g || '@bench.local', 'Agent ' || g, 'agent', 'x' from generate_series(1, 60) g`.execute(db);
  await sql`insert into agents (user_id, skills, capacity) select id, '{}', '{"voice":1,"whatsapp":3,"email":3,"webchat":3}' from users`.execute(db);
  await sql`insert into customers (display_name) select null from generate_series(1, 200000)`.execute(db);
  await db.transaction().execute(async (trx) => {
    // Bulk history: the triggers stay off for this statement; report_rebuild() below does their work set-based.
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`select setseed(0.19)`.execute(trx);
    await sql`
      with q as (select array_agg(id order by name) ids from queues),
           a as (select array_agg(user_id order by user_id) ids from agents),
           c as (select array_agg(id) ids from customers),
           base as (
             select g, ${start}::timestamptz + (g::float8 / ${total}) * interval '${sql.raw(String(days))} days' as enq,
                    random() as fate, -ln(1 - random()) * 25 as wait_s, 60 + random() * 540 as talk_s, random() * 60 as wrap_s
               from generate_series(1, ${total}) g)
      insert into interactions (channel, customer_id, queue_id, priority, status, assigned_agent_id, context, enqueued_at, offered_at, assigned_at, wrap_up_at, closed_at, abandoned_at, created_at)
      select (array['voice','whatsapp','email','webchat'])[1 + g % 4], c.ids[1 + ((g::bigint * 7919) % array_length(c.ids, 1))::int], q.ids[1 + (g / 7) % 6], 0,
             case when fate < 0.10 then 'abandoned' when fate < 0.13 then 'transferred' else 'closed' end,
             case when fate < 0.10 then null else a.ids[1 + g % 60] end,
             '{}', enq, enq,
             case when fate < 0.10 then null else enq + wait_s * interval '1 second' end,
             case when fate < 0.13 then null else enq + (wait_s + talk_s) * interval '1 second' end,
             case when fate < 0.10 then null else enq + (wait_s + talk_s + case when fate < 0.13 then 0 else wrap_s end) * interval '1 second' end,
             case when fate < 0.10 then enq + wait_s * interval '1 second' else null end,
             enq
        from base, q, a, c`.execute(trx);
  });
  await sql`analyze`.execute(db);
  result.generateSeconds = round((performance.now() - t0) / 1000);
  const t1 = performance.now();
  await db.transaction().execute((trx) => sql`select report_rebuild()`.execute(trx));
  await sql`analyze`.execute(db);
  result.rebuildSeconds = round((performance.now() - t1) / 1000);
  result.rollupRows = Number((await sql<{ n: string }>`select count(*) n from report_rollups`.execute(db)).rows[0]!.n);

  const queues = (await sql<{ id: string }>`select id from queues order by name`.execute(db)).rows.map((r) => r.id);
  const agents = (await sql<{ id: string }>`select user_id id from agents order by user_id`.execute(db)).rows.map((r) => r.id);
  const day = 86_400_000;
  const reports: { name: string; q: ReportQuery }[] = [
    { name: 'month_by_day_per_queue', q: { from: new Date(end.getTime() - 30 * day), to: end, timeZone: 'Europe/Madrid', interval: 'day', groupBy: 'queue', queueIds: null, channels: null, agentIds: null } },
    { name: 'week_by_hour', q: { from: new Date(end.getTime() - 7 * day), to: end, timeZone: 'Europe/Madrid', interval: 'hour', groupBy: 'none', queueIds: [queues[0]!, queues[1]!], channels: null, agentIds: null } },
    { name: 'day_by_15min_per_agent', q: { from: new Date(end.getTime() - day), to: end, timeZone: 'Europe/Madrid', interval: 'fifteen_minutes', groupBy: 'agent', queueIds: null, channels: null, agentIds: agents.slice(0, 10) } },
    { name: 'quarter_by_week_per_channel', q: { from: start, to: end, timeZone: 'Europe/Madrid', interval: 'week', groupBy: 'channel', queueIds: null, channels: null, agentIds: null } },
  ];

  /** The report's own path: intervals and totals from the rollups, figures derived. */
  const viaRollups = async (q: ReportQuery) => {
    const rows = await reportRows(db, q);
    const totals = totalsOf(rows);
    for (const r of [...rows, ...totals]) reportFigures(r.sums);
    return totals;
  };
  /** Baseline: the same figures aggregated from the interactions table itself (percentile_cont for p90). */
  const viaRaw = async (q: ReportQuery) => {
    const key = { queue: sql`i.queue_id::text`, channel: sql`i.channel`, agent: sql`i.assigned_agent_id::text`, none: sql`null::text` }[q.groupBy];
    const bucket = { fifteen_minutes: sql`date_bin('15 minutes', i.enqueued_at, timestamptz '2000-01-01')`, hour: sql`date_trunc('hour', i.enqueued_at, ${q.timeZone})`, day: sql`date_trunc('day', i.enqueued_at, ${q.timeZone})`, week: sql`date_trunc('week', i.enqueued_at, ${q.timeZone})` }[q.interval];
    const wait = sql`extract(epoch from coalesce(i.assigned_at, i.abandoned_at) - i.enqueued_at)`;
    return sql`
      select ${bucket} b, ${key} k, count(*) filter (where not (i.status = 'abandoned' and ${wait} < 5)) offered,
             count(*) filter (where i.assigned_at is not null and i.status <> 'abandoned') answered,
             count(*) filter (where i.status = 'abandoned' and ${wait} >= 5) abandoned,
             avg(${wait}) filter (where i.assigned_at is not null) asa,
             percentile_cont(0.9) within group (order by ${wait}) filter (where not (i.status = 'abandoned' and ${wait} < 5)) p90,
             count(*) filter (where i.assigned_at is not null and ${wait} <= qu.sla_target_seconds) in_sla,
             avg(extract(epoch from i.closed_at - i.assigned_at)) filter (where i.assigned_at is not null) aht,
             count(*) filter (where i.status = 'closed' and not exists (
               select 1 from interactions n where n.customer_id = i.customer_id and n.transferred_from_id is null
                  and n.enqueued_at > i.enqueued_at and n.enqueued_at <= i.closed_at + interval '72 hours')) resolved
        from interactions i join queues qu on qu.id = i.queue_id
       where i.enqueued_at >= ${q.from} and i.enqueued_at < ${q.to} and i.status in ('closed', 'abandoned', 'transferred')
         and ${q.queueIds ? sql`i.queue_id in (${sql.join(q.queueIds)})` : sql`true`}
         and ${q.agentIds ? sql`i.assigned_agent_id in (${sql.join(q.agentIds)})` : sql`true`}
       group by 1, 2`.execute(db);
  };

  const time = async (fn: () => Promise<unknown>, n: number) => {
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await fn();
      samples.push(performance.now() - s);
    }
    return samples;
  };
  const perReport: Record<string, unknown> = {};
  const all: number[] = [];
  for (const { name, q } of reports) {
    await viaRollups(q); // warm
    const rollup = await time(() => viaRollups(q), runs);
    all.push(...rollup);
    const raw = await time(() => viaRaw(q), rawRuns);
    perReport[name] = { rollupP50Ms: round(percentile(rollup, 50)), rollupP99Ms: round(percentile(rollup, 99)), rawP50Ms: round(percentile(raw, 50)), rawMaxMs: round(Math.max(...raw)) };
  }
  const agentTime = await time(() => reportAgentTime(db, reports[2]!.q, end), Math.min(runs, 20));
  result.reports = perReport;
  result.rollupP99Ms = round(percentile(all, 99));
  result.agentTimeDayP99Ms = round(percentile(agentTime, 99));

  // CSV of every interaction through the cursor into a sink, in a process of its own (RSS sampled
  // every 50 ms there): in this one, the heap the report runs left behind decided the figure.
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./reports-csv-child.ts', import.meta.url)), database.url, start.toISOString(), end.toISOString()], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`CSV child failed: ${child.stderr}`);
  result.csv = JSON.parse(child.stdout.trim().split('\n').pop()!);
  result.loadAverage = loadavg().map((l) => round(l, 2));
} finally {
  await db.destroy();
  await database.drop();
  await pg.stop();
}
console.log(JSON.stringify(result));
