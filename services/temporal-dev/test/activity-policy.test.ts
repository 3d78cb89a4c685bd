import { describe, expect, it } from 'vitest';
import { fillActivityOptions, retryDecision, timeoutFailure } from '../src/activity-policy';
import type { ActivityState } from '../src/model';

const act = (over: Partial<ActivityState> = {}): ActivityState => ({
  scheduledEventId: 5,
  activityId: '1',
  activityType: 'a',
  taskQueue: 'q',
  scheduleToCloseMs: 0,
  scheduleToStartMs: 0,
  startToCloseMs: 1000,
  heartbeatMs: 0,
  retry: { initialMs: 1000, coefficient: 2, maxIntervalMs: 5000, maxAttempts: 0, nonRetryable: ['Fatal'] },
  attempt: 1,
  state: 'started',
  firstScheduledTime: 0,
  attemptScheduledTime: 0,
  cancelRequested: false,
  ...over,
});

describe('fillActivityOptions', () => {
  it('bounds everything by the run timeout and fills the retry policy', () => {
    const o = fillActivityOptions({ startToCloseTimeout: { seconds: 30 } }, 10_000);
    expect(o).toMatchObject({ scheduleToCloseMs: 10_000, scheduleToStartMs: 10_000, startToCloseMs: 10_000, heartbeatMs: 0 });
    expect(o.retry).toEqual({ initialMs: 1000, coefficient: 2, maxIntervalMs: 100_000, maxAttempts: 0, nonRetryable: [] });
  });

  it('leaves schedule-to-close unbounded without a run timeout; start-to-close defaults to it', () => {
    expect(fillActivityOptions({ startToCloseTimeout: { seconds: 5 } }, 0)).toMatchObject({ scheduleToCloseMs: 0, startToCloseMs: 5000, scheduleToStartMs: 0 });
    expect(fillActivityOptions({ scheduleToCloseTimeout: { seconds: 5 } }, 0)).toMatchObject({ scheduleToCloseMs: 5000, startToCloseMs: 5000, scheduleToStartMs: 5000 });
    expect(fillActivityOptions({ startToCloseTimeout: { seconds: 5 }, heartbeatTimeout: { seconds: 9 } }, 0).heartbeatMs).toBe(5000);
  });
});

describe('retryDecision', () => {
  const fail = { message: 'x', applicationFailureInfo: { type: 'Oops' } };
  it('backs off exponentially up to the maximum interval', () => {
    expect(retryDecision(act({ attempt: 1 }), fail, 0)).toEqual({ retryState: 'RETRY_STATE_IN_PROGRESS', backoffMs: 1000 });
    expect(retryDecision(act({ attempt: 3 }), fail, 0).backoffMs).toBe(4000);
    expect(retryDecision(act({ attempt: 10 }), fail, 0).backoffMs).toBe(5000);
  });
  it('honours nextRetryDelay, non-retryable types and flags, and maximum attempts', () => {
    expect(retryDecision(act(), { applicationFailureInfo: { nextRetryDelay: { seconds: 7 } } }, 0).backoffMs).toBe(7000);
    expect(retryDecision(act(), { applicationFailureInfo: { type: 'Fatal' } }, 0).retryState).toBe('RETRY_STATE_NON_RETRYABLE_FAILURE');
    expect(retryDecision(act(), { applicationFailureInfo: { nonRetryable: true } }, 0).retryState).toBe('RETRY_STATE_NON_RETRYABLE_FAILURE');
    const limited = act({ attempt: 3, retry: { ...act().retry, maxAttempts: 3 } });
    expect(retryDecision(limited, fail, 0).retryState).toBe('RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED');
  });
  it('does not retry past schedule-to-close or after schedule-to-start / schedule-to-close timeouts', () => {
    expect(retryDecision(act({ scheduleToCloseMs: 1500 }), fail, 600).retryState).toBe('RETRY_STATE_TIMEOUT');
    expect(retryDecision(act(), fail, 0, 'TIMEOUT_TYPE_SCHEDULE_TO_START').retryState).toBe('RETRY_STATE_TIMEOUT');
    expect(retryDecision(act(), fail, 0, 'TIMEOUT_TYPE_HEARTBEAT').retryState).toBe('RETRY_STATE_IN_PROGRESS');
  });
  it('names timeouts like the real server and carries heartbeat details', () => {
    const f = timeoutFailure(act({ heartbeatDetails: { payloads: [] } }), 'TIMEOUT_TYPE_START_TO_CLOSE');
    expect(f.message).toBe('activity StartToClose timeout');
    expect(f.timeoutFailureInfo).toEqual({ timeoutType: 'TIMEOUT_TYPE_START_TO_CLOSE', lastHeartbeatDetails: { payloads: [] } });
  });
});
