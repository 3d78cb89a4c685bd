import type { Channel } from '@cc/core/channels';
import { isValidTimezone } from '@cc/core/business-hours';
import type { ReportGrouping, ReportInterval, ReportQuery, ReportScope } from '@cc/db/repositories/reports';
import { InvalidReportError } from './errors';

/** At most this many intervals in one report (e.g. 15 minutes over ~35 days, a day over ~10 years). */
export const maxReportIntervals = 3400;
const intervalMs: Record<ReportInterval, number> = { fifteen_minutes: 900_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

export interface ReportScopeInput {
  from: Date;
  to: Date;
  queueIds?: readonly string[] | null;
  channels?: readonly Channel[] | null;
  agentIds?: readonly string[] | null;
}

/** Checks a range and its filters; an empty list filter means "none of them", absent means all. */
export function parseReportScope(input: ReportScopeInput): ReportScope {
  if (!(input.from.getTime() < input.to.getTime())) throw new InvalidReportError('The report’s end must come after its start.');
  return { from: input.from, to: input.to, queueIds: input.queueIds ?? null, channels: input.channels ?? null, agentIds: input.agentIds ?? null };
}

export function parseReportQuery(input: ReportScopeInput & { timeZone: string; interval: ReportInterval; groupBy: ReportGrouping }): ReportQuery {
  const scope = parseReportScope(input);
  if (!isValidTimezone(input.timeZone)) throw new InvalidReportError(`"${input.timeZone}" is not a time zone; use an IANA name such as Europe/Madrid.`);
  const intervals = (scope.to.getTime() - scope.from.getTime()) / intervalMs[input.interval];
  if (intervals > maxReportIntervals) {
    throw new InvalidReportError(`That range holds about ${Math.ceil(intervals)} intervals; at most ${maxReportIntervals} — choose a longer interval or a shorter range.`);
  }
  return { ...scope, timeZone: input.timeZone, interval: input.interval, groupBy: input.groupBy };
}
