import { sql } from 'kysely';
import type { Db } from '../database';
import type { ReportSchedule, ReportSchedulesTable } from '../tables/report-schedules';
import type { Insertable } from 'kysely';

export function insertReportSchedule(db: Db, row: Insertable<ReportSchedulesTable>): Promise<ReportSchedule> {
  return db.insertInto('report_schedules').values(row).returningAll().executeTakeFirstOrThrow();
}

export function listReportSchedules(db: Db): Promise<ReportSchedule[]> {
  return db.selectFrom('report_schedules').selectAll().orderBy('name').orderBy('id').execute();
}

export async function deleteReportSchedule(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('report_schedules').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Schedules whose period has ended by `now` and was not mailed yet, each with that period: the
 * local day before today (daily) or the local Monday–Sunday week before this one (weekly), once the
 * schedule's local hour has come.
 */
export async function dueReportSchedules(db: Db, now: Date): Promise<(ReportSchedule & { period_start: Date; period_end: Date })[]> {
  const rows = await sql<ReportSchedule & { period_start: Date; period_end: Date }>`
    select s.*, p.period_start, p.period_end
      from report_schedules s
      cross join lateral (
        select case when s.frequency = 'daily' then date_trunc('day', ${now}::timestamptz, s.time_zone) else date_trunc('week', ${now}::timestamptz, s.time_zone) end as period_end) e
      cross join lateral (
        select date_trunc(case when s.frequency = 'daily' then 'day' else 'week' end, e.period_end - interval '1 hour', s.time_zone) as period_start, e.period_end) p
     where extract(hour from ${now}::timestamptz at time zone s.time_zone) >= s.hour
       and (s.last_period_end is null or s.last_period_end < p.period_end)
     order by s.id`.execute(db);
  return rows.rows;
}

/** Marks a period mailed (or its failure), unless another run got there first; false then. */
export async function recordReportRun(db: Db, change: { id: string; periodEnd: Date; sentAt: Date; error: string | null }): Promise<boolean> {
  const r = await db
    .updateTable('report_schedules')
    .set(change.error === null ? { last_period_end: change.periodEnd, last_sent_at: change.sentAt, last_error: null } : { last_error: change.error })
    .where('id', '=', change.id)
    .where((eb) => eb.or([eb('last_period_end', 'is', null), eb('last_period_end', '<', change.periodEnd)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
