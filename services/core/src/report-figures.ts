/**
 * Historical report figures (contact-center-metrics.md, issue 19) from the additive sums the
 * 15-minute rollups keep. Pure, so the API, the CSV export and the tests derive them one way.
 * Percentages are 0–100; times are seconds; null when the figure has no denominator.
 */

/** Upper bounds (s) of the wait histogram buckets; the last bucket (≥ 3600 s) is open. Frozen in migration 2026-12-05T0500. */
export const waitHistogramBounds = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800, 3600] as const;

export const rollupSumNames = [
  'offered',
  'answered',
  'abandoned',
  'short_abandoned',
  'unanswered_closed',
  'answered_in_sla',
  'abandoned_after_sla',
  'answer_wait_ms',
  'wait_count',
  'wait_ms',
  'talk_ms',
  'hold_ms',
  'wrap_ms',
  'transfers',
  'transfers_in',
  'fcr_eligible',
  'fcr_resolved',
  'overflows_out',
] as const;

export type RollupSums = Record<(typeof rollupSumNames)[number], number> & { waitHistogram: number[] };

/** a + b, column by column (rollup sums are additive, the histogram too). */
export function addSums(a: RollupSums, b: RollupSums): RollupSums {
  const sum = Object.fromEntries(rollupSumNames.map((c) => [c, a[c] + b[c]])) as unknown as RollupSums;
  sum.waitHistogram = a.waitHistogram.map((n, i) => n + (b.waitHistogram[i] ?? 0));
  return sum;
}

export interface ReportFigures {
  /** Contacts that entered the queue and ended, short abandons excluded (transfers in included). */
  offered: number;
  answered: number;
  /** Abandoned after the short-abandon threshold. */
  abandoned: number;
  shortAbandoned: number;
  /** Ended without an agent and without the customer leaving (e.g. closed outside business hours). */
  closedUnanswered: number;
  abandonRatePercent: number | null;
  /** Mean enqueued → answered. */
  averageSpeedOfAnswerSeconds: number | null;
  /** Mean wait of answered and abandoned contacts (short abandons excluded). */
  averageWaitSeconds: number | null;
  /** 90th percentile of that wait, read from the histogram (linear within a bucket). */
  p90WaitSeconds: number | null;
  /** Answered within each queue's threshold ÷ (answered + abandoned after it); abandons before it excluded. */
  serviceLevelPercent: number | null;
  answeredInServiceLevel: number;
  abandonedAfterServiceLevel: number;
  /** Mean talk + hold + wrap-up of answered contacts. */
  averageHandleSeconds: number | null;
  averageTalkSeconds: number | null;
  averageHoldSeconds: number | null;
  averageWrapUpSeconds: number | null;
  transfers: number;
  transfersIn: number;
  overflowsOut: number;
  /** Answered contacts that closed (a transfer's last leg), and those with no new contact within the window. */
  fcrEligible: number;
  fcrResolved: number;
  firstContactResolutionPercent: number | null;
}

const ratio = (a: number, b: number, scale = 1): number | null => (b > 0 ? (a / b) * scale : null);

/** The wait below which `share` of the histogram's contacts fall, interpolated within its bucket. */
export function histogramPercentile(histogram: readonly number[], share: number): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = share * total;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    const n = histogram[i]!;
    if (n > 0 && seen + n >= rank) {
      const lower = i === 0 ? 0 : waitHistogramBounds[i - 1]!;
      const upper = waitHistogramBounds[i];
      // The open last bucket has no upper bound: its lower bound is what can be said.
      if (upper === undefined) return lower;
      return lower + ((rank - seen) / n) * (upper - lower);
    }
    seen += n;
  }
  return waitHistogramBounds[waitHistogramBounds.length - 1]!;
}

export function reportFigures(s: RollupSums): ReportFigures {
  const handleMs = s.talk_ms + s.hold_ms + s.wrap_ms;
  return {
    offered: s.offered,
    answered: s.answered,
    abandoned: s.abandoned,
    shortAbandoned: s.short_abandoned,
    closedUnanswered: s.unanswered_closed,
    abandonRatePercent: ratio(s.abandoned, s.answered + s.abandoned, 100),
    averageSpeedOfAnswerSeconds: ratio(s.answer_wait_ms / 1000, s.answered),
    averageWaitSeconds: ratio(s.wait_ms / 1000, s.wait_count),
    p90WaitSeconds: histogramPercentile(s.waitHistogram, 0.9),
    serviceLevelPercent: ratio(s.answered_in_sla, s.answered + s.abandoned_after_sla, 100),
    answeredInServiceLevel: s.answered_in_sla,
    abandonedAfterServiceLevel: s.abandoned_after_sla,
    averageHandleSeconds: ratio(handleMs / 1000, s.answered),
    averageTalkSeconds: ratio(s.talk_ms / 1000, s.answered),
    averageHoldSeconds: ratio(s.hold_ms / 1000, s.answered),
    averageWrapUpSeconds: ratio(s.wrap_ms / 1000, s.answered),
    transfers: s.transfers,
    transfersIn: s.transfers_in,
    overflowsOut: s.overflows_out,
    fcrEligible: s.fcr_eligible,
    fcrResolved: s.fcr_resolved,
    firstContactResolutionPercent: ratio(s.fcr_resolved, s.fcr_eligible, 100),
  };
}

export interface AgentTimeFigures {
  availableSeconds: number;
  busySeconds: number;
  awaySeconds: number;
  offlineSeconds: number;
  /** Time holding at least one interaction (concurrent ones once). */
  onContactSeconds: number;
  /** On-contact time ÷ (available time + on-contact time outside it), read as on-contact ÷ max(available, on-contact). */
  occupancyPercent: number | null;
  /** Every interaction's own time ÷ (available time × the agent's slots over all channels). */
  utilizationPercent: number | null;
}

export function agentTimeFigures(t: { presenceMs: Record<'available' | 'busy' | 'away' | 'offline', number>; availableSlotMs: number; busyMs: number; handleMs: number }): AgentTimeFigures {
  return {
    availableSeconds: t.presenceMs.available / 1000,
    busySeconds: t.presenceMs.busy / 1000,
    awaySeconds: t.presenceMs.away / 1000,
    offlineSeconds: t.presenceMs.offline / 1000,
    onContactSeconds: t.busyMs / 1000,
    occupancyPercent: ratio(t.busyMs, Math.max(t.presenceMs.available, t.busyMs), 100),
    utilizationPercent: ratio(t.handleMs, t.availableSlotMs, 100),
  };
}
