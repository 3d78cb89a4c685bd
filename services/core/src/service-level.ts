/**
 * Queue figures as supervisors read them (contact-center-metrics.md), from interaction
 * timestamps. Pure, so the database layer and reports compute them one way.
 */

/** Abandons shorter than this are not counted in the abandonment rate by default. */
export const defaultShortAbandonSeconds = 5;

export interface InteractionTiming {
  enqueuedAt: Date;
  assignedAt: Date | null;
  abandonedAt: Date | null;
}

export type ServiceLevelOutcome = 'answered_in_time' | 'answered_late' | 'abandoned_before_threshold' | 'abandoned_after_threshold' | 'waiting';

const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;

/**
 * Where one interaction lands for the service level with threshold `thresholdSeconds`. Answered
 * means assigned to an agent; the wait is measured from when it entered the queue. Waiting exactly
 * the threshold still counts as in time.
 */
export function serviceLevelOutcome(t: InteractionTiming, thresholdSeconds: number): ServiceLevelOutcome {
  if (t.assignedAt) return seconds(t.enqueuedAt, t.assignedAt) <= thresholdSeconds ? 'answered_in_time' : 'answered_late';
  if (t.abandonedAt) return seconds(t.enqueuedAt, t.abandonedAt) <= thresholdSeconds ? 'abandoned_before_threshold' : 'abandoned_after_threshold';
  return 'waiting';
}

export interface ServiceLevelFigures {
  answered: number;
  answeredInTime: number;
  abandoned: number;
  abandonedAfterThreshold: number;
  /** Abandoned before the short-abandon cut-off; left out of the abandonment rate. */
  shortAbandons: number;
  /**
   * Answered within T ÷ (answered + abandoned after T), 0–100. Abandons before T are excluded:
   * the caller left before the queue had failed them (the common TaskRouter / Connect rule).
   * Null when nothing counts yet.
   */
  serviceLevelPercent: number | null;
  /** Mean seconds from enqueue to assignment of answered interactions; null when none. */
  averageSpeedOfAnswerSeconds: number | null;
  /** Abandoned ÷ (answered + abandoned), 0–100, short abandons excluded from both; null when none. */
  abandonmentRatePercent: number | null;
}

export function serviceLevelFigures(
  timings: readonly InteractionTiming[],
  thresholdSeconds: number,
  shortAbandonSeconds = defaultShortAbandonSeconds,
): ServiceLevelFigures {
  let answered = 0;
  let answeredInTime = 0;
  let abandoned = 0;
  let abandonedAfterThreshold = 0;
  let shortAbandons = 0;
  let answerSeconds = 0;
  for (const t of timings) {
    const outcome = serviceLevelOutcome(t, thresholdSeconds);
    if (outcome === 'answered_in_time' || outcome === 'answered_late') {
      answered++;
      if (outcome === 'answered_in_time') answeredInTime++;
      answerSeconds += seconds(t.enqueuedAt, t.assignedAt as Date);
    } else if (outcome !== 'waiting') {
      abandoned++;
      if (outcome === 'abandoned_after_threshold') abandonedAfterThreshold++;
      if (seconds(t.enqueuedAt, t.abandonedAt as Date) < shortAbandonSeconds) shortAbandons++;
    }
  }
  const slDenominator = answered + abandonedAfterThreshold;
  const countedAbandons = abandoned - shortAbandons;
  return {
    answered,
    answeredInTime,
    abandoned,
    abandonedAfterThreshold,
    shortAbandons,
    serviceLevelPercent: slDenominator === 0 ? null : (100 * answeredInTime) / slDenominator,
    averageSpeedOfAnswerSeconds: answered === 0 ? null : answerSeconds / answered,
    abandonmentRatePercent: answered + countedAbandons === 0 ? null : (100 * countedAbandons) / (answered + countedAbandons),
  };
}
