import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Client } from '@temporalio/client';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/activity';
import { isValidTimezone } from '@cc/core/business-hours';
import type { Channel } from '@cc/core/channels';
import { logger } from '@cc/core/logger';
import type { Mailer } from '@cc/channels/email/send';
import type { Db } from '@cc/db/database';
import type { ReportGrouping, ReportInterval } from '@cc/db/repositories/reports';
import { deleteReportSchedule as deleteRow, dueReportSchedules, insertReportSchedule, recordReportRun } from '@cc/db/repositories/report-schedules';
import type { ReportActivities } from '@cc/workflows/activities/reports';
import { writeReportCsv } from './csv';
import { InvalidReportError } from './errors';

export interface ScheduledReportDeps {
  db: Db;
  clock: () => Date;
  /** The SMTP relay (SMTP_RELAY_URL); null: a due report records that it could not be sent. */
  mailer: Mailer | null;
  /** The address reports come from (the first EMAIL_INBOXES address). */
  from: { address: string; name: string } | null;
}

const email = /^[^\s@,<>]+@[^\s@,<>]+\.[^\s@,<>]+$/;

/** Supervisors schedule a report: its recipients, daily or weekly (Mondays), at a local hour. */
export function createReportSchedule(
  deps: { db: Db },
  input: { name: string; recipients: string[]; frequency: 'daily' | 'weekly'; hour: number; timeZone: string; interval: ReportInterval; groupBy: ReportGrouping; queueIds: string[] | null; channels: Channel[] | null; createdBy: string | null },
) {
  const name = input.name.trim();
  const recipients = [...new Set(input.recipients.map((r) => r.trim().toLowerCase()).filter(Boolean))];
  if (!name || name.length > 100) throw new InvalidReportError('Name the scheduled report (1–100 characters).');
  if (recipients.length === 0 || recipients.length > 50) throw new InvalidReportError('Give 1–50 recipients.');
  const bad = recipients.find((r) => !email.test(r));
  if (bad) throw new InvalidReportError(`"${bad}" is not an email address.`);
  if (!Number.isInteger(input.hour) || input.hour < 0 || input.hour > 23) throw new InvalidReportError('The hour is 0–23 in the report’s time zone.');
  if (!isValidTimezone(input.timeZone)) throw new InvalidReportError(`"${input.timeZone}" is not a time zone; use an IANA name such as Europe/Madrid.`);
  return insertReportSchedule(deps.db, {
    name,
    recipients,
    frequency: input.frequency,
    hour: input.hour,
    time_zone: input.timeZone,
    interval: input.interval,
    group_by: input.groupBy,
    queue_ids: input.queueIds,
    channels: input.channels,
    created_by: input.createdBy,
    last_period_end: null,
    last_sent_at: null,
    last_error: null,
  });
}

export const deleteReportSchedule = (deps: { db: Db }, id: string) => deleteRow(deps.db, id);

async function csvBuffer(write: (out: Writable) => Promise<void>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await write(new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) }));
  return Buffer.concat(chunks);
}

/**
 * Mails every due report once: the report of the period just ended as a CSV attachment. A refusal
 * is recorded on the schedule (last_error, visible in reportSchedules); a relay that cannot be
 * reached makes the activity fail and retry.
 */
export function createScheduledReportActivities(deps: ScheduledReportDeps): ReportActivities {
  return {
    async sendDueReports() {
      const log = logger({ component: 'scheduled-reports' });
      let sent = 0;
      for (const s of await dueReportSchedules(deps.db, deps.clock())) {
        const periodEnd = s.period_end;
        if (!deps.mailer || !deps.from) {
          await recordReportRun(deps.db, { id: s.id, periodEnd, sentAt: deps.clock(), error: 'No SMTP relay (SMTP_RELAY_URL) and sender (EMAIL_INBOXES) are configured.' });
          continue;
        }
        const query = { from: s.period_start, to: periodEnd, timeZone: s.time_zone, interval: s.interval, groupBy: s.group_by, queueIds: s.queue_ids, channels: s.channels, agentIds: null };
        const content = await csvBuffer((out) => writeReportCsv(deps, query, out));
        const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: s.time_zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
        const last = new Date(periodEnd.getTime() - 1);
        const period = s.frequency === 'daily' ? day(s.period_start) : `${day(s.period_start)} – ${day(last)}`;
        const outcome = await deps.mailer.send({
          from: deps.from,
          to: s.recipients.join(', '),
          subject: `${s.name}: ${period}`,
          text: `${s.name}, ${period} (${s.time_zone}), is attached as CSV: one row per ${s.interval.replace('_', ' ')}${s.group_by === 'none' ? '' : ` and ${s.group_by}`}.`,
          messageId: `${randomUUID()}@reports.contact-center`,
          inReplyTo: null,
          references: [],
          attachments: [{ filename: `${s.name.replace(/[^\w.-]+/g, '-')}-${day(s.period_start)}.csv`, contentType: 'text/csv', content }],
          autoReplied: true,
        });
        if (outcome.ok) {
          if (await recordReportRun(deps.db, { id: s.id, periodEnd, sentAt: deps.clock(), error: null })) sent++;
          log.info({ schedule: s.id, period }, 'scheduled report mailed');
        } else if (outcome.failure.kind === 'unreachable') {
          throw ApplicationFailure.retryable(`The SMTP relay could not be reached: ${outcome.detail}`, 'RelayUnreachable');
        } else {
          await recordReportRun(deps.db, { id: s.id, periodEnd, sentAt: deps.clock(), error: `The SMTP relay refused it (${outcome.errorCode}): ${outcome.detail}` });
          log.warn({ schedule: s.id, code: outcome.errorCode }, 'scheduled report refused by the relay');
        }
      }
      return sent;
    },
  };
}

/** The hourly run of due reports (five past each hour), created once per namespace; an existing schedule stays. */
export async function ensureScheduledReportsSchedule(temporal: Client, taskQueue: string): Promise<void> {
  try {
    await temporal.schedule.create({
      scheduleId: 'scheduled-reports',
      spec: { intervals: [{ every: '1 hour', offset: '5 minutes' }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
      action: { type: 'startWorkflow', workflowType: 'scheduledReportsWorkflow', workflowId: 'scheduled-reports', taskQueue, args: [] },
    });
  } catch (e) {
    if (e instanceof ScheduleAlreadyRunning) return;
    logger({ component: 'scheduled-reports' }).warn({ err: e }, 'the scheduled-reports schedule could not be created; reports are not mailed');
  }
}
