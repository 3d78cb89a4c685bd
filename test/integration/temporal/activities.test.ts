import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState, TimeoutFailure, TimeoutType } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporalTestEnv, type TemporalTestEnv } from '../../support/temporal/harness';
import { eventTypes } from '../../support/temporal/history';
import * as wf from '../../support/temporal/workflows';

/** Activity semantics through the real SDK: retries, backoff, the four timeouts, heartbeats, cancel. */
let env: TemporalTestEnv;
beforeAll(async () => {
  env = await startTemporalTestEnv();
});
afterAll(async () => env?.stop());

const opts = (prefix: string) => ({ taskQueue: env.taskQueue, workflowId: `${prefix}-${randomUUID()}` });

/** The failure behind a failed workflow whose activity failed. */
async function activityFailure(p: Promise<unknown>): Promise<ActivityFailure> {
  const err = await p.then(
    () => { throw new Error('expected the workflow to fail'); },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const cause = (err as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ActivityFailure);
  return cause as ActivityFailure;
}

describe.concurrent('activities', () => {
  it('retries with exponential backoff until success', async () => {
    const key = randomUUID();
    const attempt = await env.client.workflow.execute(wf.retryingActivity, { ...opts('retry'), args: [key, 3] });
    expect(attempt).toBe(4);
    const times = env.log.attempts.get(key)!;
    expect(times).toHaveLength(4);
    // initial 200 ms, coefficient 2, max 1 s: gaps of at least ~200, ~400, ~800 ms. The real
    // server fires retry timers on a ~1 s tick, so only the lower bounds are the contract.
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    [200, 400, 800].forEach((expected, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(expected - 20);
      if (env.embedded) expect(gaps[i]).toBeLessThan(expected + 600); // slack for a busy 2-core CI machine
    });
  });

  it('stops at maximumAttempts with the last failure', async () => {
    const key = randomUUID();
    const f = await activityFailure(env.client.workflow.execute(wf.retryLimited, { ...opts('maxattempts'), args: [key] }));
    expect(f.retryState).toBe(RetryState.MAXIMUM_ATTEMPTS_REACHED);
    expect((f.cause as ApplicationFailure).message).toBe('attempt 3 failed');
    expect(env.log.attempts.get(key)).toHaveLength(3);
  });

  it('does not retry non-retryable error types', async () => {
    const key = randomUUID();
    const f = await activityFailure(env.client.workflow.execute(wf.nonRetryableByType, { ...opts('nonretry-type'), args: [key] }));
    expect(f.retryState).toBe(RetryState.NON_RETRYABLE_FAILURE);
    expect((f.cause as ApplicationFailure).type).toBe('Doomed');
    expect(env.log.attempts.get(key)).toHaveLength(1);
  });

  it('does not retry failures flagged non-retryable', async () => {
    const key = randomUUID();
    const f = await activityFailure(env.client.workflow.execute(wf.nonRetryableFlag, { ...opts('nonretry-flag'), args: [key] }));
    expect(f.retryState).toBe(RetryState.NON_RETRYABLE_FAILURE);
    expect((f.cause as ApplicationFailure).nonRetryable).toBe(true);
    expect(env.log.attempts.get(key)).toHaveLength(1);
  });

  it('times out start-to-close', async () => {
    const key = randomUUID();
    const h = await env.client.workflow.start(wf.startToCloseTimeout, { ...opts('s2c'), args: [key] });
    const f = await activityFailure(h.result());
    expect(f.cause).toBeInstanceOf(TimeoutFailure);
    expect((f.cause as TimeoutFailure).timeoutType).toBe(TimeoutType.START_TO_CLOSE);
    const types = await eventTypes(h);
    expect(types).toContain('ACTIVITY_TASK_TIMED_OUT');
  });

  it('times out schedule-to-start when no worker polls the queue', async () => {
    const f = await activityFailure(env.client.workflow.execute(wf.scheduleToStartTimeout, opts('s2s')));
    expect((f.cause as TimeoutFailure).timeoutType).toBe(TimeoutType.SCHEDULE_TO_START);
  });

  it('times out schedule-to-close across retries', async () => {
    const key = randomUUID();
    const t0 = Date.now();
    const f = await activityFailure(env.client.workflow.execute(wf.scheduleToCloseTimeout, { ...opts('sched2close'), args: [key] }));
    const elapsed = Date.now() - t0;
    expect(f.retryState).toBe(RetryState.TIMEOUT);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    // The deadline is what ends it (retryState TIMEOUT above); the bound only catches a hang.
    expect(elapsed).toBeLessThan(30_000);
    // Retried until the deadline: at least one retry (how many fit depends on the machine's load
    // and, on the real server, its coarser retry tick).
    expect(env.log.attempts.get(key)!.length).toBeGreaterThanOrEqual(2);
  });

  it('times out a silent heartbeat and hands the last details to the next attempt', async () => {
    const key = randomUUID();
    const result = await env.client.workflow.execute(wf.heartbeatTimeout, { ...opts('hb'), args: [key] });
    expect(result).toBe('progress-2');
    expect(env.log.attempts.get(key)).toHaveLength(2);
  });

  it('reports a heartbeat timeout with its details when retries are exhausted', async () => {
    const key = randomUUID();
    const f = await activityFailure(env.client.workflow.execute(wf.heartbeatTimeoutNoRetry, { ...opts('hb-final'), args: [key] }));
    const timeout = f.cause as TimeoutFailure;
    expect(timeout).toBeInstanceOf(TimeoutFailure);
    expect(timeout.timeoutType).toBe(TimeoutType.HEARTBEAT);
    expect(timeout.lastHeartbeatDetails).toBe('progress-2');
  });

  it('delivers cancellation to a heartbeating activity', async () => {
    const key = randomUUID();
    const h = await env.client.workflow.start(wf.cancelActivity, { ...opts('actcancel'), args: [key, 500] });
    expect(await h.result()).toBe('cancelled');
    expect(env.log.cancelled.has(key)).toBe(true);
    const types = await eventTypes(h);
    expect(types).toContain('ACTIVITY_TASK_CANCEL_REQUESTED');
    expect(types).toContain('ACTIVITY_TASK_CANCELED');
  });

  it('fills unset activity timeouts', async () => {
    const h = await env.client.workflow.start(wf.defaultsOnly, opts('defaults'));
    expect(await h.result()).toBe('defaults');
    const history = await h.fetchHistory();
    const scheduled = history.events!.find((e) => e.activityTaskScheduledEventAttributes)!.activityTaskScheduledEventAttributes!;
    expect(scheduled.scheduleToCloseTimeout).toBeTruthy();
    expect(scheduled.scheduleToStartTimeout).toBeTruthy();
    expect(Number(scheduled.startToCloseTimeout?.seconds)).toBe(5);
    expect(Number(scheduled.retryPolicy?.initialInterval?.seconds)).toBe(1);
    expect(scheduled.retryPolicy?.backoffCoefficient).toBe(2);
  });
});
