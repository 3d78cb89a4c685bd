import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { getUsers } from '@cc/db/repositories/users';
import { reportInteractionIds, type ReportFigure, type ReportGrouping, type ReportInterval, type ReportQuery, type ReportScope } from '@cc/db/repositories/reports';
import type { Channel } from '@cc/core/channels';
import { builder } from '../builder';
import type { Context } from '../context';
import { InvalidReportError } from '../reports/errors';
import { parseReportQuery, parseReportScope } from '../reports/report-query';
import {
  reportAgentTimeLines,
  reportDispositionCounts,
  reportImpactFigures,
  reportIntervals,
  reportSettings,
  reportTotals,
  saveReportSettings,
  type AgentTimeLine,
  type ReportLine,
} from '../reports/report';
import { inputErrors } from './errors';
import { Interaction } from './interactions';
import { Queue } from './queues';
import { ChannelEnum } from './routing-enums';
import { User } from './users';

export const ReportIntervalEnum = builder.enumType('ReportInterval', {
  description: 'How long each interval of a report is, cut in the report’s time zone (days are 23 or 25 hours across DST).',
  values: {
    FIFTEEN_MINUTES: { value: 'fifteen_minutes', description: '15 minutes (the rollups’ own grain).' },
    HOUR: { value: 'hour', description: 'An hour of the time zone (a repeated DST hour stays two hours).' },
    DAY: { value: 'day', description: 'A local day, midnight to midnight.' },
    WEEK: { value: 'week', description: 'A local week from Monday.' },
  } as const,
});

export const ReportGroupingEnum = builder.enumType('ReportGrouping', {
  description: 'What each row of a report is about besides its interval.',
  values: {
    NONE: { value: 'none', description: 'Everything in the filter together.' },
    QUEUE: { value: 'queue', description: 'One row per queue.' },
    CHANNEL: { value: 'channel', description: 'One row per channel.' },
    AGENT: { value: 'agent', description: 'One row per agent (only what agents answered).' },
  } as const,
});

const ReportFigureEnum = builder.enumType('ReportFigure', {
  description: 'A figure whose interactions a drill-down lists.',
  values: Object.fromEntries(
    (
      [
        ['offered', 'Ended contacts, short abandons excluded.'],
        ['answered', 'Answered by an agent.'],
        ['abandoned', 'The customer left before an answer, after the short-abandon threshold.'],
        ['short_abandoned', 'The customer left within the short-abandon threshold.'],
        ['answered_in_sla', 'Answered within the queue’s service-level threshold.'],
        ['answered_after_sla', 'Answered after the threshold.'],
        ['abandoned_after_sla', 'Abandoned after the threshold.'],
        ['transferred', 'Transferred on by their agent.'],
        ['transferred_in', 'Arrived by a transfer.'],
        ['resolved', 'Closed with no new contact from the customer within the FCR window.'],
        ['not_resolved', 'Closed, and the customer came back within the window.'],
        ['with_push', 'Calls with an in-call push.'],
        ['with_cobrowse', 'Calls with a co-browsing session the customer accepted.'],
      ] as const
    ).map(([v, d]) => [v.toUpperCase(), { value: v, description: d }]),
  ) as Record<Uppercase<ReportFigure>, { value: ReportFigure; description: string }>,
});

const ReportFilterInput = builder.inputType('ReportFilter', {
  description: 'Which interactions a report counts: those whose wait began in [from, to), narrowed by queue, channel and agent (absent: all).',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: true, description: 'Start (inclusive), ISO 8601.' }),
    to: t.field({ type: 'DateTime', required: true, description: 'End (exclusive), ISO 8601.' }),
    queueIds: t.globalIDList({ required: false, for: [Queue], description: 'Only these queues.' }),
    channels: t.field({ type: [ChannelEnum], required: false, description: 'Only these channels.' }),
    agentIds: t.globalIDList({ required: false, for: [User], description: 'Only what these agents answered (User ids).' }),
  }),
});

const ReportInput = builder.inputType('ReportInput', {
  description: 'A report: its filter, interval, grouping and time zone.',
  fields: (t) => ({
    filter: t.field({ type: ReportFilterInput, required: true, description: 'Which interactions.' }),
    interval: t.field({ type: ReportIntervalEnum, required: false, defaultValue: 'hour', description: 'Length of each interval; default HOUR.' }),
    groupBy: t.field({ type: ReportGroupingEnum, required: false, defaultValue: 'none', description: 'One row per queue, channel or agent; default NONE.' }),
    timeZone: t.string({ required: false, description: 'IANA zone intervals are cut in; default the viewer’s time zone, else UTC.' }),
  }),
});

type FilterArg = { from: Date; to: Date; queueIds?: { id: string }[] | null; channels?: Channel[] | null; agentIds?: { id: string }[] | null };

function scopeOf(f: FilterArg): ReportScope {
  return parseReportScope({ from: f.from, to: f.to, queueIds: f.queueIds?.map((g) => g.id), channels: f.channels, agentIds: f.agentIds?.map((g) => g.id) });
}

async function viewerTimeZone(ctx: Context): Promise<string> {
  if (ctx.principal.kind !== 'user') return 'UTC';
  return (await getUsers(ctx.db, [ctx.principal.userId]))[0]?.time_zone ?? 'UTC';
}

const ReportFiguresRef = builder.simpleObject('ReportFigures', {
  description: 'The historical figures of contact-center-metrics.md for one interval and group. Counts are of ended contacts, in the interval their wait began.',
  fields: (t) => {
  const int = (d: string) => t.int({ description: d });
  const num = (d: string) => t.float({ nullable: true, description: d });
  return {
    offered: int('Contacts that entered the queue and ended (answered, abandoned, closed unanswered), short abandons excluded; transfers in included.'),
    answered: int('Answered by an agent (a call hung up before the agent was connected is abandoned, not answered).'),
    abandoned: int('The customer left before an answer, after the short-abandon threshold.'),
    shortAbandoned: int('The customer left within the short-abandon threshold (Report.settings); counted in no other figure.'),
    closedUnanswered: int('Ended without an agent and without the customer leaving (e.g. closed outside business hours).'),
    abandonRatePercent: num('abandoned ÷ (answered + abandoned), 0–100.'),
    averageSpeedOfAnswerSeconds: num('ASA: mean of answered − entered the queue (an overflowed contact’s wait counts from its first queue).'),
    averageWaitSeconds: num('Mean wait of answered and abandoned contacts.'),
    p90WaitSeconds: num('90th percentile of that wait, from a histogram (5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800, 3600 s), linear within a bucket; 3600 means “an hour or more”.'),
    serviceLevelPercent: num('Answered within the queue’s threshold ÷ (answered + abandoned after it), 0–100; abandons before the threshold are excluded. Each contact uses its queue’s threshold.'),
    answeredInServiceLevel: int('Answered within the queue’s threshold.'),
    abandonedAfterServiceLevel: int('Abandoned after the queue’s threshold.'),
    averageHandleSeconds: num('AHT: mean talk + hold + wrap-up of answered contacts.'),
    averageTalkSeconds: num('Mean talk time (answered until wrap-up or end, hold excluded).'),
    averageHoldSeconds: num('Mean time on hold (calls).'),
    averageWrapUpSeconds: num('Mean after-contact work.'),
    transfers: int('Answered contacts their agent transferred on.'),
    transfersIn: int('Contacts that arrived by a transfer.'),
    overflowsOut: int('Contacts that left the queue for its overflow queue (counted where they ended too).'),
    fcrEligible: int('Answered contacts that closed (a transfer’s last leg).'),
    fcrResolved: int('Of those, with no new contact from the same customer on any channel within the FCR window.'),
    firstContactResolutionPercent: num('fcrResolved ÷ fcrEligible, 0–100 (final once the window has passed).'),
  };
  },
});

const ReportGroupRef = builder.simpleObject('ReportGroup', {
  description: 'What a grouped row is about: a queue, a channel or an agent.',
  fields: (t) => ({
    key: t.string({ description: 'The queue or agent id (UUID), or the channel in lower case.' }),
    name: t.string({ description: 'The queue’s or agent’s name, or the channel.' }),
  }),
});

const ReportRowRef = builder.objectRef<ReportLine & { groupBy: ReportGrouping }>('ReportRow').implement({
  description: 'One interval (and group) of a report.',
  fields: (t) => ({
    intervalStart: t.field({ type: 'DateTime', nullable: true, description: 'Start of the interval; null on totals.', resolve: (r) => r.intervalStart }),
    intervalEnd: t.field({ type: 'DateTime', nullable: true, description: 'Start of the next interval; null on totals.', resolve: (r) => r.intervalEnd }),
    group: t.field({ type: ReportGroupRef, nullable: true, description: 'The queue, channel or agent; null when not grouped.', resolve: (r) => (r.groupKey ? { key: r.groupKey, name: r.groupName ?? r.groupKey } : null) }),
    queue: t.field({ type: Queue, nullable: true, description: 'The queue, when grouped by queue.', resolve: (r) => (r.groupBy === 'queue' ? r.groupKey : null) }),
    figures: t.field({ type: ReportFiguresRef, description: 'The figures.', resolve: (r) => r.figures }),
  }),
});

const AgentTimeFiguresRef = builder.simpleObject('AgentTimeFigures', {
  description: 'An agent’s (or all agents’) time: presence per status, on-contact time, occupancy and utilization.',
  fields: (t) => ({
    availableSeconds: t.float({ description: 'Time AVAILABLE.' }),
    busySeconds: t.float({ description: 'Time BUSY.' }),
    awaySeconds: t.float({ description: 'Time AWAY.' }),
    offlineSeconds: t.float({ description: 'Time OFFLINE (recorded stretches).' }),
    onContactSeconds: t.float({ description: 'Time holding at least one interaction (assigned until closed, wrap-up included; concurrent ones once).' }),
    occupancyPercent: t.float({ nullable: true, description: 'On-contact time ÷ (available time + on-contact time outside it), 0–100 — read here as on-contact ÷ max(available, on-contact).' }),
    utilizationPercent: t.float({ nullable: true, description: 'Every interaction’s own handle time ÷ (available time × the agent’s slots on all channels), 0–100: concurrency used.' }),
  }),
});

const AgentTimeRowRef = builder.objectRef<AgentTimeLine>('AgentTimeRow').implement({
  description: 'Agent time for one interval (and agent, when grouped by agent). Not cut by queue or channel.',
  fields: (t) => ({
    intervalStart: t.field({ type: 'DateTime', nullable: true, description: 'Start of the interval; null on totals.', resolve: (r) => r.intervalStart }),
    agent: t.field({ type: User, nullable: true, description: 'The agent when grouped by agent.', resolve: (r) => r.agentId }),
    agentId: t.string({ nullable: true, description: 'The agent’s UUID when grouped by agent.', resolve: (r) => r.agentId }),
    figures: t.field({ type: AgentTimeFiguresRef, description: 'The figures.', resolve: (r) => r.figures }),
  }),
});

const DispositionCountRef = builder.simpleObject('DispositionCount', {
  description: 'How many contacts ended with one wrap-up code.',
  fields: (t) => ({
    dispositionId: t.string({ description: 'The code’s id (UUID).' }),
    code: t.string({ description: 'The code, e.g. SALE.' }),
    label: t.string({ description: 'Its label.' }),
    groupKey: t.string({ nullable: true, description: 'The queue/agent id or channel, when grouped.' }),
    count: t.int({ description: 'Contacts.' }),
  }),
});

const CampaignFiguresRef = builder.simpleObject('ReportCampaignFigures', {
  description: 'One campaign’s messages sent in the report’s range and what followed each, whenever it happened.',
  fields: (t) => ({
    campaignId: t.id({ description: 'The campaign’s global id (Campaign).' }),
    name: t.string({ description: 'The campaign’s name.' }),
    sent: t.int({ description: 'Messages sent in the range (accepted by the provider).' }),
    delivered: t.int({ description: 'Of those, delivered to the phone (read ones included).' }),
    read: t.int({ description: 'Of those, read.' }),
    replied: t.int({ description: 'Recipients who wrote back.' }),
    optedOut: t.int({ description: 'Recipients who withdrew marketing consent on WhatsApp (STOP/BAJA) after their message.' }),
    linkClicks: t.int({ description: 'Opens of the messages’ tracked links, repeats included.' }),
    recipientsClicked: t.int({ description: 'Recipients who opened their link at least once.' }),
  }),
});

const ImpactRef = builder.simpleObject('ReportImpact', {
  description: 'Calls with an in-call push against calls without, with co-browsing against without, and campaigns (what followed their messages).',
  fields: (t) => ({
    withPush: t.field({ type: ReportFiguresRef, description: 'Calls with at least one in-call push.' }),
    withoutPush: t.field({ type: ReportFiguresRef, description: 'Calls without.' }),
    withCobrowse: t.field({ type: ReportFiguresRef, description: 'Calls with a co-browsing session the customer accepted.' }),
    withoutCobrowse: t.field({ type: ReportFiguresRef, description: 'Calls without.' }),
    pushes: t.int({ description: 'Pushes made on those calls.' }),
    linkPushes: t.int({ description: 'Of those, pushes carrying a tracked link.' }),
    linksOpened: t.int({ description: 'Of those, links the customer opened at least once.' }),
    linkOpenRatePercent: t.float({ nullable: true, description: 'linksOpened ÷ linkPushes, 0–100.' }),
    campaigns: t.field({
      type: [CampaignFiguresRef],
      description: 'Per campaign with messages sent in the range, first sent first. The range applies (and a channel filter without WHATSAPP leaves them out); queue and agent filters do not, campaigns are not routed.',
    }),
  }),
});

const ReportSettingsRef = builder.simpleObject('ReportSettings', {
  description: 'Thresholds the report facts are computed with.',
  fields: (t) => ({
    shortAbandonSeconds: t.int({ description: 'Abandons within this many seconds are short: counted apart.' }),
    fcrWindowHours: t.int({ description: 'A new contact from the same customer within this many hours of the end makes a contact unresolved.' }),
  }),
});

const ReportRef = builder.objectRef<ReportQuery>('Report').implement({
  description: 'A historical report. Each part is computed only when asked for.',
  fields: (t) => ({
    timeZone: t.string({ description: 'The zone intervals are cut in.', resolve: (q) => q.timeZone }),
    interval: t.field({ type: ReportIntervalEnum, description: 'The interval length.', resolve: (q) => q.interval }),
    groupBy: t.field({ type: ReportGroupingEnum, description: 'The grouping.', resolve: (q) => q.groupBy }),
    rows: t.field({ type: [ReportRowRef], description: 'Per interval and group; intervals without contacts are left out.', resolve: async (q, _a, ctx) => (await reportIntervals(ctx, q)).map((r) => ({ ...r, groupBy: q.groupBy })) }),
    totals: t.field({ type: [ReportRowRef], description: 'The whole range, per group (one row when not grouped).', resolve: async (q, _a, ctx) => (await reportTotals(ctx, q)).map((r) => ({ ...r, groupBy: q.groupBy })) }),
    agentTime: t.field({ type: [AgentTimeRowRef], description: 'Agent time per interval (per agent when grouped by agent).', resolve: (q, _a, ctx) => reportAgentTimeLines(ctx, q, true) }),
    agentTimeTotals: t.field({ type: [AgentTimeRowRef], description: 'Agent time over the whole range.', resolve: (q, _a, ctx) => reportAgentTimeLines(ctx, q, false) }),
    dispositions: t.field({ type: [DispositionCountRef], description: 'Contacts per wrap-up code over the range.', resolve: (q, _a, ctx) => reportDispositionCounts(ctx, q) }),
    impact: t.field({
      type: ImpactRef,
      description: 'Calls with vs without an in-call push or co-browsing, and campaign figures.',
      resolve: async (q, _a, ctx) => {
        const impact = await reportImpactFigures(ctx, q);
        return { ...impact, campaigns: impact.campaigns.map((c) => ({ ...c, campaignId: encodeGlobalID('Campaign', c.campaignId) })) };
      },
    }),
    settings: t.field({ type: ReportSettingsRef, description: 'The thresholds in force.', resolve: async (_q, _a, ctx) => {
      const s = await reportSettings(ctx);
      return { shortAbandonSeconds: s.short_abandon_seconds, fcrWindowHours: s.fcr_window_hours };
    } }),
  }),
});

builder.queryField('report', (t) =>
  t.field({
    type: ReportRef,
    description: 'Historical figures per interval, queue, channel and agent (supervisors, keys with reports:read). CSV: GET /reports/report.csv and /reports/interactions.csv with the same filter.',
    authScopes: { supervisor: true, apiScope: 'reports:read' },
    errors: { types: [InvalidReportError, ...inputErrors], union: { name: 'ReportResult' }, result: { name: 'ReportSuccess', description: 'The report was read.' }, dataField: { description: 'The report.' } },
    args: { input: t.arg({ type: ReportInput, required: true, description: 'Filter, interval, grouping and zone.' }) },
    resolve: async (_r, { input }, ctx) =>
      parseReportQuery({
        ...scopeOf(input.filter as FilterArg),
        timeZone: input.timeZone ?? (await viewerTimeZone(ctx)),
        interval: (input.interval ?? 'hour') as ReportInterval,
        groupBy: (input.groupBy ?? 'none') as ReportGrouping,
      }),
  }),
);

const ReportInteractionsRef = builder.simpleObject('ReportInteractions', {
  description: 'A page of the interactions behind a figure, oldest wait first.',
  fields: (t) => ({
    nodes: t.field({ type: [Interaction], description: 'The interactions (each readable as its own authorization allows).' }),
    endCursor: t.string({ nullable: true, description: 'Pass as `after` for the next page; null when empty.' }),
    hasNextPage: t.boolean({ description: 'Whether more follow.' }),
  }),
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function uuidOrRefuse(id: string | null | undefined): string | null {
  if (!id) return null;
  if (!uuid.test(id)) throw new InvalidReportError('That dispositionId is not one a report gave (DispositionCount.dispositionId).');
  return id;
}

function cursorOf(r: { enqueuedAt: Date; id: string }): string {
  return Buffer.from(`${r.enqueuedAt.toISOString()}|${r.id}`).toString('base64url');
}
function parseCursor(c: string | null | undefined): { enqueuedAt: Date; id: string } | null {
  if (!c) return null;
  const [at, id] = Buffer.from(c, 'base64url').toString().split('|');
  const enqueuedAt = new Date(at ?? '');
  if (!id || Number.isNaN(enqueuedAt.getTime()) || !uuid.test(id)) throw new InvalidReportError('That cursor is not one this list gave; start again without `after`.');
  return { enqueuedAt, id };
}

builder.queryField('reportInteractions', (t) =>
  t.field({
    type: ReportInteractionsRef,
    description: 'Drill-down: the interactions behind a report figure for a filter (narrow from/to to one row’s interval). Supervisors; keys with reports:read (reading the interactions themselves needs interactions:read).',
    authScopes: { supervisor: true, apiScope: 'reports:read' },
    errors: { types: [InvalidReportError, ...inputErrors], union: { name: 'ReportInteractionsResult' }, result: { name: 'ReportInteractionsSuccess', description: 'The page was read.' }, dataField: { description: 'The page of interactions.' } },
    args: {
      filter: t.arg({ type: ReportFilterInput, required: true, description: 'Which interactions.' }),
      figure: t.arg({ type: ReportFigureEnum, required: false, description: 'The figure; absent: every ended interaction of the filter.' }),
      dispositionId: t.arg.string({ required: false, description: 'Only those with this wrap-up code (DispositionCount.dispositionId).' }),
      first: t.arg.int({ required: false, defaultValue: 50, description: 'Page size, 1–200.', validate: z.number().int().min(1).max(200) }),
      after: t.arg.string({ required: false, description: 'endCursor of the previous page.' }),
    },
    resolve: async (_r, args, ctx) => {
      const first = args.first ?? 50;
      const rows = await reportInteractionIds(
        ctx.db,
        { ...scopeOf(args.filter as FilterArg), figure: (args.figure ?? null) as ReportFigure | null, dispositionId: uuidOrRefuse(args.dispositionId) },
        { first: first + 1, after: parseCursor(args.after) },
      );
      const page = rows.slice(0, first);
      return { nodes: page.map((r) => r.id), endCursor: page.length ? cursorOf(page[page.length - 1]!) : null, hasNextPage: rows.length > first };
    },
  }),
);

const ReportSettingsInput = builder.inputType('ReportSettingsInput', {
  description: 'New report thresholds.',
  fields: (t) => ({
    shortAbandonSeconds: t.int({ required: true, description: '0–600.', validate: z.number().int().min(0).max(600) }),
    fcrWindowHours: t.int({ required: true, description: '1–2160.', validate: z.number().int().min(1).max(2160) }),
    rebuild: t.boolean({ required: false, defaultValue: false, description: 'Recompute every report from the raw history now (in one transaction; takes time on a large history). Otherwise the thresholds apply to contacts ending from now on.' }),
  }),
});

builder.mutationField('updateReportSettings', (t) =>
  t.field({
    type: ReportSettingsRef,
    description: 'Administrators: the short-abandon threshold and the first-contact-resolution window of reports.',
    authScopes: { admin: true },
    errors: { types: [...inputErrors], directResult: true, union: { name: 'UpdateReportSettingsResult' } },
    args: { input: t.arg({ type: ReportSettingsInput, required: true, description: 'The thresholds.' }) },
    resolve: async (_r, { input }, ctx) => {
      await saveReportSettings(ctx, { shortAbandonSeconds: input.shortAbandonSeconds, fcrWindowHours: input.fcrWindowHours, rebuild: input.rebuild ?? false });
      return { shortAbandonSeconds: input.shortAbandonSeconds, fcrWindowHours: input.fcrWindowHours };
    },
  }),
);
