import { listReportSchedules } from '@cc/db/repositories/report-schedules';
import type { ReportSchedule as ReportScheduleRow } from '@cc/db/tables/report-schedules';
import type { Channel } from '@cc/core/channels';
import type { ReportGrouping, ReportInterval } from '@cc/db/repositories/reports';
import { builder } from '../builder';
import { InvalidReportError } from '../reports/errors';
import { createReportSchedule, deleteReportSchedule } from '../reports/scheduled';
import { NotFoundError } from '../routing/errors';
import { inputErrors } from './errors';
import { Queue } from './queues';
import { ChannelEnum } from './routing-enums';
import { ReportGroupingEnum, ReportIntervalEnum } from './reports';

const FrequencyEnum = builder.enumType('ReportFrequency', {
  description: 'How often a scheduled report is mailed.',
  values: { DAILY: { value: 'daily', description: 'Every day: the previous local day.' }, WEEKLY: { value: 'weekly', description: 'Mondays: the previous local week (Monday–Sunday).' } } as const,
});

const ReportScheduleRef = builder.objectRef<ReportScheduleRow>('ReportSchedule').implement({
  description: 'A report mailed as CSV to a list (checked hourly by the scheduled-reports Temporal schedule; sent through the SMTP relay).',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Its id (UUID).' }),
    name: t.exposeString('name', { description: 'Name, also the mail’s subject.' }),
    recipients: t.exposeStringList('recipients', { description: 'Who receives it.' }),
    frequency: t.field({ type: FrequencyEnum, description: 'Daily or weekly.', resolve: (s) => s.frequency }),
    hour: t.exposeInt('hour', { description: 'Local hour (0–23) from which it is mailed.' }),
    timeZone: t.exposeString('time_zone', { description: 'Zone of the hour and of the report’s intervals.' }),
    interval: t.field({ type: ReportIntervalEnum, description: 'Interval of the report’s rows.', resolve: (s) => s.interval }),
    groupBy: t.field({ type: ReportGroupingEnum, description: 'Rows per queue, channel or agent.', resolve: (s) => s.group_by }),
    queues: t.field({ type: [Queue], nullable: true, description: 'Only these queues; null: all.', resolve: (s) => s.queue_ids }),
    channels: t.field({ type: [ChannelEnum], nullable: true, description: 'Only these channels; null: all.', resolve: (s) => s.channels }),
    lastSentAt: t.expose('last_sent_at', { type: 'DateTime', nullable: true, description: 'When it was last mailed.' }),
    lastError: t.exposeString('last_error', { nullable: true, description: 'Why the last attempt was not mailed (relay refusal, no relay configured); null after a success.' }),
  }),
});

builder.queryField('reportSchedules', (t) =>
  t.field({
    type: [ReportScheduleRef],
    description: 'Supervisors: the scheduled reports, by name.',
    authScopes: { supervisor: true },
    resolve: (_r, _a, ctx) => listReportSchedules(ctx.db),
  }),
);

const CreateInput = builder.inputType('CreateReportScheduleInput', {
  description: 'A report to mail as CSV, daily or weekly.',
  fields: (t) => ({
    name: t.string({ required: true, description: '1–100 characters; the mail’s subject.' }),
    recipients: t.stringList({ required: true, description: '1–50 email addresses.' }),
    frequency: t.field({ type: FrequencyEnum, required: true, description: 'Daily or weekly (Mondays).' }),
    hour: t.int({ required: false, defaultValue: 7, description: 'Local hour 0–23 from which it is mailed; default 7.' }),
    timeZone: t.string({ required: true, description: 'IANA zone, e.g. Europe/Madrid.' }),
    interval: t.field({ type: ReportIntervalEnum, required: false, defaultValue: 'hour', description: 'Rows per interval; default HOUR.' }),
    groupBy: t.field({ type: ReportGroupingEnum, required: false, defaultValue: 'none', description: 'Rows per group; default NONE.' }),
    queueIds: t.globalIDList({ required: false, for: [Queue], description: 'Only these queues.' }),
    channels: t.field({ type: [ChannelEnum], required: false, description: 'Only these channels.' }),
  }),
});

const SchedulePayload = builder.simpleObject('ReportSchedulePayload', {
  description: 'The scheduled report as saved.',
  fields: (t) => ({ schedule: t.field({ type: ReportScheduleRef, description: 'The schedule.' }) }),
});

builder.mutationField('createReportSchedule', (t) =>
  t.field({
    type: SchedulePayload,
    description: 'Supervisors: mail a report as CSV to a list, daily or weekly.',
    authScopes: { supervisor: true },
    errors: { types: [InvalidReportError, ...inputErrors], directResult: true, union: { name: 'CreateReportScheduleResult' } },
    args: { input: t.arg({ type: CreateInput, required: true, description: 'The schedule.' }) },
    resolve: async (_r, { input }, ctx) => ({
      schedule: await createReportSchedule(ctx, {
        name: input.name,
        recipients: input.recipients,
        frequency: input.frequency as 'daily' | 'weekly',
        hour: input.hour ?? 7,
        timeZone: input.timeZone,
        interval: (input.interval ?? 'hour') as ReportInterval,
        groupBy: (input.groupBy ?? 'none') as ReportGrouping,
        queueIds: input.queueIds?.map((q) => String(q.id)) ?? null,
        channels: (input.channels as Channel[] | null | undefined) ?? null,
        createdBy: ctx.principal.kind === 'user' ? ctx.principal.userId : null,
      }),
    }),
  }),
);

const DeletedPayload = builder.simpleObject('DeleteReportSchedulePayload', {
  description: 'The scheduled report was deleted.',
  fields: (t) => ({ deletedId: t.string({ description: 'Its id.' }) }),
});

builder.mutationField('deleteReportSchedule', (t) =>
  t.field({
    type: DeletedPayload,
    description: 'Supervisors: stop mailing a scheduled report.',
    authScopes: { supervisor: true },
    errors: { types: [NotFoundError, ...inputErrors], directResult: true, union: { name: 'DeleteReportScheduleResult' } },
    args: { id: t.arg.string({ required: true, description: 'ReportSchedule.id.' }) },
    resolve: async (_r, { id }, ctx) => {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) || !(await deleteReportSchedule(ctx, id))) throw new NotFoundError('Report schedule');
      return { deletedId: id };
    },
  }),
);
