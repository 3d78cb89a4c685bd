import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { ReportFigures } from '@cc/core/report-figures';
import type { Db } from '@cc/db/database';
import { streamOutcomes, type OutcomeCsvRow, type ReportFigure, type ReportQuery, type ReportScope } from '@cc/db/repositories/reports';
import { reportIntervals, type ReportDeps } from './report';

/** The report's figures, one CSV column each, in this order. */
const figureColumns: (keyof ReportFigures)[] = [
  'offered',
  'answered',
  'abandoned',
  'shortAbandoned',
  'closedUnanswered',
  'abandonRatePercent',
  'averageSpeedOfAnswerSeconds',
  'averageWaitSeconds',
  'p90WaitSeconds',
  'serviceLevelPercent',
  'answeredInServiceLevel',
  'abandonedAfterServiceLevel',
  'averageHandleSeconds',
  'averageTalkSeconds',
  'averageHoldSeconds',
  'averageWrapUpSeconds',
  'transfers',
  'transfersIn',
  'overflowsOut',
  'fcrEligible',
  'fcrResolved',
  'firstContactResolutionPercent',
];

/** Booleans as true/false (csv-stringify's default is 1 and empty). */
const csvCast = { boolean: (v: boolean) => String(v) };

const round = (v: number | null) => (v === null ? '' : Math.round(v * 100) / 100);

/** The report (per interval and group) as CSV into `out`; interval starts in ISO 8601 UTC. */
export async function writeReportCsv(deps: ReportDeps, q: ReportQuery, out: Writable): Promise<void> {
  const lines = await reportIntervals(deps, q);
  const rows = lines.map((l) => [l.intervalStart?.toISOString() ?? '', l.intervalEnd?.toISOString() ?? '', l.groupName ?? '', ...figureColumns.map((c) => round(l.figures[c]))]);
  await pipeline(Readable.from(rows), stringify({ header: true, cast: csvCast, columns: ['interval_start', 'interval_end', q.groupBy === 'none' ? 'all' : q.groupBy, ...figureColumns] }), out);
}

const seconds = (ms: string | null) => (ms === null ? '' : Number(ms) / 1000);
const interactionColumns = [
  'interaction_id',
  'channel',
  'queue',
  'agent',
  'customer_id',
  'status',
  'enqueued_at',
  'answered_at',
  'ended_at',
  'wait_seconds',
  'talk_seconds',
  'hold_seconds',
  'wrap_up_seconds',
  'handle_seconds',
  'short_abandon',
  'answered_in_service_level',
  'transferred',
  'transferred_in',
  'first_contact_resolved',
  'disposition',
  'with_push',
  'with_cobrowse',
];

function interactionLine(r: OutcomeCsvRow): unknown[] {
  const handle = r.answered_at ? (Number(r.talk_ms) + Number(r.hold_ms) + Number(r.wrap_ms)) / 1000 : '';
  return [
    r.interaction_id,
    r.channel,
    r.queue,
    r.agent ?? '',
    r.customer_id,
    r.status,
    r.enqueued_at.toISOString(),
    r.answered_at?.toISOString() ?? '',
    r.ended_at.toISOString(),
    seconds(r.wait_ms),
    seconds(r.talk_ms),
    seconds(r.hold_ms),
    seconds(r.wrap_ms),
    handle,
    r.short_abandon,
    r.in_sla,
    r.transferred,
    r.transferred_in,
    r.resolved ?? '',
    r.disposition ?? '',
    r.with_push,
    r.with_cobrowse,
  ];
}

/**
 * One row per ended interaction of the scope, streamed from a server-side cursor through
 * csv-stringify into `out`: memory stays flat at any size, and a slow reader slows the cursor.
 */
export async function writeInteractionsCsv(db: Db, scope: ReportScope & { figure: ReportFigure | null }, out: Writable): Promise<void> {
  async function* lines() {
    for await (const r of streamOutcomes(db, scope)) yield interactionLine(r);
  }
  await pipeline(Readable.from(lines()), stringify({ header: true, cast: csvCast, columns: interactionColumns }), out);
}
