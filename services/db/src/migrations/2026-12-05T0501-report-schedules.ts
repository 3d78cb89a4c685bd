import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // A report mailed as CSV to a list, daily or weekly at a local hour, covering the period just ended.
  await sql`create table report_schedules (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    recipients text[] not null check (cardinality(recipients) between 1 and 50),
    frequency text not null check (frequency in ('daily', 'weekly')),
    hour integer not null check (hour between 0 and 23),
    time_zone text not null,
    interval text not null check (interval in ('fifteen_minutes', 'hour', 'day', 'week')),
    group_by text not null check (group_by in ('none', 'queue', 'channel', 'agent')),
    queue_ids uuid[],
    channels text[],
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    -- The end of the last period mailed: a period is mailed once, whichever run gets to it.
    last_period_end timestamptz,
    last_sent_at timestamptz,
    last_error text
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_schedules').execute();
}
