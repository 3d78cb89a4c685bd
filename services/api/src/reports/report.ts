import { agentTimeFigures, reportFigures, type AgentTimeFigures, type ReportFigures } from '@cc/core/report-figures';
import type { Db } from '@cc/db/database';
import {
  getReportSettings,
  reportAgentTime,
  reportDispositions,
  reportGroupNames,
  reportImpact,
  reportPushLinks,
  reportRows,
  totalsOf,
  type ReportQuery,
  type ReportRow,
  type ReportScope,
  updateReportSettings,
} from '@cc/db/repositories/reports';
import { reportCampaigns } from '@cc/db/repositories/report-campaigns';

export interface ReportDeps {
  db: Db;
  clock: () => Date;
}

export interface ReportLine {
  intervalStart: Date | null;
  intervalEnd: Date | null;
  /** Queue id, channel or agent id when grouped. */
  groupKey: string | null;
  groupName: string | null;
  figures: ReportFigures;
}

export interface AgentTimeLine {
  intervalStart: Date | null;
  agentId: string | null;
  figures: AgentTimeFigures;
}

/** One statement per report even when both its rows and totals are asked (GraphQL resolves them apart). */
const rowsOfReport = new WeakMap<ReportQuery, Promise<ReportRow[]>>();
function rowsOf(deps: ReportDeps, q: ReportQuery): Promise<ReportRow[]> {
  let rows = rowsOfReport.get(q);
  if (!rows) rowsOfReport.set(q, (rows = reportRows(deps.db, q)));
  return rows;
}

async function lines(deps: ReportDeps, q: ReportQuery, perInterval: boolean): Promise<ReportLine[]> {
  const rows = perInterval ? await rowsOf(deps, q) : totalsOf(await rowsOf(deps, q));
  const names = await reportGroupNames(deps.db, q.groupBy, [...new Set(rows.flatMap((r) => (r.groupKey ? [r.groupKey] : [])))]);
  return rows.map((r) => ({
    intervalStart: r.intervalStart,
    intervalEnd: r.intervalEnd,
    groupKey: r.groupKey,
    groupName: r.groupKey ? (names.get(r.groupKey) ?? r.groupKey) : null,
    figures: reportFigures(r.sums),
  }));
}

/** Per interval (and group): every figure of contact-center-metrics.md the rollups hold. */
export const reportIntervals = (deps: ReportDeps, q: ReportQuery) => lines(deps, q, true);
/** The whole range per group (one line when not grouped). */
export const reportTotals = (deps: ReportDeps, q: ReportQuery) => lines(deps, q, false);

export async function reportAgentTimeLines(deps: ReportDeps, q: ReportQuery, perInterval: boolean): Promise<AgentTimeLine[]> {
  const rows = await reportAgentTime(deps.db, q, deps.clock(), perInterval);
  return rows.map((r) => ({ intervalStart: r.intervalStart, agentId: r.agentId, figures: agentTimeFigures(r) }));
}

export const reportDispositionCounts = (deps: ReportDeps, q: ReportQuery) => reportDispositions(deps.db, q);

/**
 * Calls with vs without an in-call push (AHT, FCR, link-open rate) and with vs without co-browsing;
 * and each campaign's messages sent in the range with what followed them (WhatsApp only: a channel
 * filter without WhatsApp leaves campaigns out; queues and agents do not apply to campaigns).
 */
export async function reportImpactFigures(deps: ReportDeps, scope: ReportScope) {
  const campaignsInScope = scope.channels === null || scope.channels.includes('whatsapp');
  const [segments, links, campaigns] = await Promise.all([
    reportImpact(deps.db, scope),
    reportPushLinks(deps.db, scope),
    campaignsInScope ? reportCampaigns(deps.db, scope) : [],
  ]);
  const of = (kind: 'push' | 'cobrowse', w: boolean) => reportFigures(segments.find((s) => s.kind === kind && s.with === w)!.sums);
  return {
    withPush: of('push', true),
    withoutPush: of('push', false),
    withCobrowse: of('cobrowse', true),
    withoutCobrowse: of('cobrowse', false),
    pushes: links.pushes,
    linkPushes: links.linkPushes,
    linksOpened: links.linksOpened,
    linkOpenRatePercent: links.linkPushes ? (links.linksOpened / links.linkPushes) * 100 : null,
    campaigns,
  };
}

export const reportSettings = (deps: ReportDeps) => getReportSettings(deps.db);

/** Administrators' new thresholds; `rebuild` re-applies them to the whole history now. */
export const saveReportSettings = (deps: ReportDeps, change: { shortAbandonSeconds: number; fcrWindowHours: number; rebuild: boolean }) => updateReportSettings(deps.db, change);
