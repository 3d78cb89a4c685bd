import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
//
// report_rollups holds four kinds of rows side by side — 15-minute and hourly, per queue and per
// agent — written in the order contacts end, so the rows one report reads (say a month of hourly
// queue rows) were scattered over about fifteen times as many pages as they fill. Partitioned by
// kind (hourly, then by_agent), each report reads one dense partition. Names, columns, the unique
// key the triggers' upserts use and report_rebuild() are unchanged.
const keys = 'by_agent, hourly, bucket_start, queue_id, channel, agent_id, with_push, with_cobrowse';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table report_rollups rename to report_rollups_unpartitioned`.execute(db);
  await sql`alter index report_rollups_key rename to report_rollups_unpartitioned_key`.execute(db);
  await sql`create table report_rollups (like report_rollups_unpartitioned including defaults including constraints) partition by list (hourly)`.execute(db);
  for (const [hourly, name] of [
    [false, 'quarter_hours'],
    [true, 'hours'],
  ] as const) {
    await sql`create table ${sql.table(`report_rollups_${name}`)} partition of report_rollups for values in (${sql.lit(hourly)}) partition by list (by_agent)`.execute(db);
    await sql`create table ${sql.table(`report_rollups_${name}_queues`)} partition of ${sql.table(`report_rollups_${name}`)} for values in (false)`.execute(db);
    await sql`create table ${sql.table(`report_rollups_${name}_agents`)} partition of ${sql.table(`report_rollups_${name}`)} for values in (true)`.execute(db);
  }
  await sql.raw(`create unique index report_rollups_key on report_rollups (${keys}) nulls not distinct`).execute(db);
  await sql`insert into report_rollups select * from report_rollups_unpartitioned order by hourly, by_agent, bucket_start`.execute(db);
  await sql`drop table report_rollups_unpartitioned`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table report_rollups rename to report_rollups_partitioned`.execute(db);
  await sql`alter index report_rollups_key rename to report_rollups_partitioned_key`.execute(db);
  await sql`create table report_rollups (like report_rollups_partitioned including defaults including constraints)`.execute(db);
  await sql.raw(`create unique index report_rollups_key on report_rollups (${keys}) nulls not distinct`).execute(db);
  await sql`insert into report_rollups select * from report_rollups_partitioned`.execute(db);
  await sql`drop table report_rollups_partitioned`.execute(db);
}
