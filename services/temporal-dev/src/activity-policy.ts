import type { ActivityState, RetryPolicy } from './model';
import { duration, durationMs, type Msg } from './proto';

export interface ActivityOptions {
  scheduleToCloseMs: number;
  scheduleToStartMs: number;
  startToCloseMs: number;
  heartbeatMs: number;
  retry: RetryPolicy;
}

/**
 * Fills what the workflow left unset, like the real server: schedule-to-close defaults to the run
 * timeout (0 = unbounded), the others are bounded by it; retry policy defaults 1 s x2, max 100x.
 */
export function fillActivityOptions(a: Msg, runTimeoutMs: number): ActivityOptions {
  let s2c = durationMs(a.scheduleToCloseTimeout);
  let s2s = durationMs(a.scheduleToStartTimeout);
  let st2c = durationMs(a.startToCloseTimeout);
  let hb = durationMs(a.heartbeatTimeout);
  if (s2c <= 0) s2c = runTimeoutMs;
  else if (runTimeoutMs > 0) s2c = Math.min(s2c, runTimeoutMs);
  if (st2c <= 0) st2c = s2c;
  else if (s2c > 0) st2c = Math.min(st2c, s2c);
  if (s2s <= 0) s2s = s2c;
  else if (s2c > 0) s2s = Math.min(s2s, s2c);
  if (hb > 0 && st2c > 0) hb = Math.min(hb, st2c);
  const rp: Msg = a.retryPolicy ?? {};
  const initialMs = durationMs(rp.initialInterval) || 1000;
  return {
    scheduleToCloseMs: s2c,
    scheduleToStartMs: s2s,
    startToCloseMs: st2c,
    heartbeatMs: hb,
    retry: {
      initialMs,
      coefficient: rp.backoffCoefficient && rp.backoffCoefficient >= 1 ? rp.backoffCoefficient : 2,
      maxIntervalMs: durationMs(rp.maximumInterval) || initialMs * 100,
      maxAttempts: rp.maximumAttempts ?? 0,
      nonRetryable: rp.nonRetryableErrorTypes ?? [],
    },
  };
}

/** The retry policy as written into ActivityTaskScheduled and handed to workers. */
export function retryPolicyProto(r: RetryPolicy): Msg {
  return {
    initialInterval: duration(r.initialMs),
    backoffCoefficient: r.coefficient,
    maximumInterval: duration(r.maxIntervalMs),
    maximumAttempts: r.maxAttempts,
    nonRetryableErrorTypes: r.nonRetryable,
  };
}

/**
 * Whether a failed attempt is retried (retryState RETRY_STATE_IN_PROGRESS, after backoffMs) or
 * final, and why. Schedule-to-start and schedule-to-close timeouts are never retried; a retry that
 * would start after the schedule-to-close deadline is not made.
 */
export function retryDecision(act: ActivityState, failure: Msg, now: number, timeoutType?: string): { retryState: string; backoffMs: number } {
  const info = failure.applicationFailureInfo;
  let retryState = 'RETRY_STATE_IN_PROGRESS';
  if (act.cancelRequested) retryState = 'RETRY_STATE_CANCEL_REQUESTED';
  else if (timeoutType === 'TIMEOUT_TYPE_SCHEDULE_TO_START' || timeoutType === 'TIMEOUT_TYPE_SCHEDULE_TO_CLOSE') retryState = 'RETRY_STATE_TIMEOUT';
  else if (info?.nonRetryable || (info?.type && act.retry.nonRetryable.includes(info.type))) retryState = 'RETRY_STATE_NON_RETRYABLE_FAILURE';
  else if (act.retry.maxAttempts > 0 && act.attempt >= act.retry.maxAttempts) retryState = 'RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED';
  let backoffMs = 0;
  if (retryState === 'RETRY_STATE_IN_PROGRESS') {
    const explicit = durationMs(info?.nextRetryDelay);
    backoffMs = explicit > 0 ? explicit : Math.min(act.retry.initialMs * act.retry.coefficient ** (act.attempt - 1), act.retry.maxIntervalMs);
    if (act.scheduleToCloseMs > 0 && now + backoffMs >= act.firstScheduledTime + act.scheduleToCloseMs) retryState = 'RETRY_STATE_TIMEOUT';
  }
  return { retryState, backoffMs };
}

/** The server-side TimeoutFailure, with the last heartbeat details (and the last failure for schedule-to-close). */
export function timeoutFailure(act: ActivityState, timeoutType: string): Msg {
  const kind = timeoutType.replace('TIMEOUT_TYPE_', '').toLowerCase().replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  return {
    message: `activity ${kind[0]!.toUpperCase()}${kind.slice(1)} timeout`,
    source: 'Server',
    cause: timeoutType === 'TIMEOUT_TYPE_SCHEDULE_TO_CLOSE' ? act.lastFailure : undefined,
    timeoutFailureInfo: { timeoutType, lastHeartbeatDetails: act.heartbeatDetails },
  };
}
