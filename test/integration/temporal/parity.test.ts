import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { QueryNotRegisteredError, WorkflowContinuedAsNewError, WorkflowFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState, TimeoutFailure, TimeoutType } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporalTestEnv, workflowBundle, type TemporalTestEnv } from '../../support/temporal/harness';
import { waitFor } from '../../support/temporal/history';
import * as wf from '../../support/temporal/workflows';

/**
 * What the real Temporal server does, asserted on both servers (`npm run test:temporal-real` runs
 * this file against `temporal server start-dev`): every expectation here was read off the real
 * server (1.32, CLI 1.9.1) first; temporal-dev was changed to match.
 */
let env: TemporalTestEnv;
beforeAll(async () => {
  env = await startTemporalTestEnv();
});
afterAll(async () => env?.stop());

const opts = (prefix: string) => ({ taskQueue: env.taskQueue, workflowId: `${prefix}-${randomUUID()}` });
const failureOf = (p: Promise<unknown>) => p.then(() => expect.fail('expected a failure'), (e: unknown) => e);

describe.concurrent('timeout causes as the SDK sees them', () => {
  const activityCases = [
    ['start-to-close', () => env.client.workflow.execute(wf.startToCloseTimeout, { ...opts('s2c'), args: [randomUUID()] }), RetryState.MAXIMUM_ATTEMPTS_REACHED, TimeoutType.START_TO_CLOSE, 'activity StartToClose timeout'],
    ['schedule-to-start', () => env.client.workflow.execute(wf.scheduleToStartTimeout, opts('s2s')), RetryState.TIMEOUT, TimeoutType.SCHEDULE_TO_START, 'activity ScheduleToStart timeout'],
    ['heartbeat', () => env.client.workflow.execute(wf.heartbeatTimeoutNoRetry, { ...opts('hb'), args: [randomUUID()] }), RetryState.MAXIMUM_ATTEMPTS_REACHED, TimeoutType.HEARTBEAT, 'activity Heartbeat timeout'],
  ] as const;
  for (const [name, start, retryState, timeoutType, message] of activityCases) {
    it(`activity ${name}: ActivityFailure('Activity task timed out', ${retryState}) caused by TimeoutFailure(${timeoutType})`, async () => {
      const err = (await failureOf(start())) as WorkflowFailedError;
      expect(err).toBeInstanceOf(WorkflowFailedError);
      expect(err.retryState).toBe(RetryState.RETRY_POLICY_NOT_SET);
      const act = err.cause as ActivityFailure;
      expect(act).toBeInstanceOf(ActivityFailure);
      expect(act.message).toBe('Activity task timed out');
      expect(act.retryState).toBe(retryState);
      const timeout = act.cause as TimeoutFailure;
      expect(timeout).toBeInstanceOf(TimeoutFailure);
      expect(timeout.timeoutType).toBe(timeoutType);
      expect(timeout.message).toBe(message);
    });
  }

  it('activity schedule-to-close across retries: the last attempt failure, retryState TIMEOUT', async () => {
    const err = (await failureOf(env.client.workflow.execute(wf.scheduleToCloseTimeout, { ...opts('sched2close'), args: [randomUUID()] }))) as WorkflowFailedError;
    const act = err.cause as ActivityFailure;
    expect(act).toBeInstanceOf(ActivityFailure);
    expect(act.retryState).toBe(RetryState.TIMEOUT);
    // The retry that would pass the deadline is not made. The real server reports either the last
    // attempt's failure, or (when it notices the deadline first, e.g. on a busy machine) a
    // SCHEDULE_TO_CLOSE TimeoutFailure "Not enough time to schedule next retry…": both are right.
    const cause = act.cause;
    if (cause instanceof TimeoutFailure) expect(cause.timeoutType).toBe(TimeoutType.SCHEDULE_TO_CLOSE);
    else {
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect((cause as ApplicationFailure).type).toBe('Flaky');
    }
  });

  it('workflow execution timeout: TimeoutFailure(START_TO_CLOSE), retryState TIMEOUT', async () => {
    const err = (await failureOf(env.client.workflow.execute(wf.sleeper, { ...opts('exec'), args: [60_000], workflowExecutionTimeout: '800ms' }))) as WorkflowFailedError;
    expect(err.message).toBe('Workflow execution timed out');
    expect(err.retryState).toBe(RetryState.TIMEOUT);
    expect(err.cause).toBeInstanceOf(TimeoutFailure);
    expect((err.cause as TimeoutFailure).timeoutType).toBe(TimeoutType.START_TO_CLOSE);
  });

  it('workflow run timeout without a retry policy: retryState RETRY_POLICY_NOT_SET', async () => {
    const err = (await failureOf(env.client.workflow.execute(wf.sleeper, { ...opts('run'), args: [60_000], workflowRunTimeout: '800ms' }))) as WorkflowFailedError;
    expect(err.retryState).toBe(RetryState.RETRY_POLICY_NOT_SET);
    expect((err.cause as TimeoutFailure).timeoutType).toBe(TimeoutType.START_TO_CLOSE);
  });
});

describe('capabilities', () => {
  it('GetSystemInfo names the capabilities the SDKs rely on', async () => {
    const info = await env.client.workflowService.getSystemInfo({});
    expect(info.capabilities).toMatchObject({
      signalAndQueryHeader: true,
      internalErrorDifferentiation: true,
      activityFailureIncludeHeartbeat: true,
      supportsSchedules: true,
      encodedFailureAttributes: true,
      upsertMemo: true,
      sdkMetadata: true,
    });
  });

  it('DescribeNamespace: updates (sync and async) and schedules supported', async () => {
    const ns = await env.client.workflowService.describeNamespace({ namespace: 'default' });
    expect(ns.namespaceInfo?.capabilities).toMatchObject({ syncUpdate: true, asyncUpdate: true });
    expect(ns.namespaceInfo?.supportsSchedules).toBe(true);
  });
});

describe('a closed workflow', () => {
  it('answers queries, refuses unknown queries, signals and updates the way the SDK expects', async () => {
    const h = await env.client.workflow.start(wf.signals, opts('closed'));
    await h.signal(wf.ping, 2);
    await h.signal(wf.finish);
    expect(await h.result()).toBe(2);
    expect(await h.query(wf.countQuery)).toBe(2);
    const unknown = await failureOf(h.query('nope'));
    expect(unknown).toBeInstanceOf(QueryNotRegisteredError);
    const signal = await failureOf(h.signal(wf.finish));
    expect(signal).toBeInstanceOf(WorkflowNotFoundError);
    expect((signal as Error).message).toBe('workflow execution already completed');
    const update = await failureOf(h.executeUpdate(wf.addItem, { args: [1] }));
    expect(update).toBeInstanceOf(WorkflowNotFoundError);
  });
});

describe('long polls', () => {
  it('refuses a poll without a deadline: INVALID_ARGUMENT, "Context timeout is not set."', async () => {
    const err = (await failureOf(
      env.client.workflowService.pollWorkflowTaskQueue({ namespace: 'default', taskQueue: { name: `nobody-${randomUUID()}` }, identity: 'raw' }),
    )) as { code: number; details: string };
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(err.details).toBe('Context timeout is not set.');
  });
});

describe('worker shutdown', () => {
  it('a worker with polls outstanding shuts down promptly and its queue stays usable', { timeout: 60_000 }, async () => {
    const taskQueue = `shutdown-${randomUUID()}`;
    const connection = await NativeConnection.connect({ address: env.address });
    try {
      const worker = await Worker.create({ connection, taskQueue, workflowBundle: await workflowBundle(), activities: {} });
      const running = worker.run();
      await waitFor(async () => worker.getState(), (s) => s === 'RUNNING');
      const t0 = Date.now();
      worker.shutdown();
      await running;
      // Polls are released by ShutdownWorker / call cancellation, not left to the long-poll limit.
      expect(Date.now() - t0).toBeLessThan(30_000);
      expect(worker.getState()).toBe('STOPPED');
    } finally {
      await connection.close();
    }
    // A workflow started on that queue afterwards runs on the next worker.
    expect(await env.withWorker(taskQueue, () => env.client.workflow.execute(wf.sleeper, { taskQueue, workflowId: `after-${randomUUID()}`, args: [10] }))).toBe('woke');
  });
});

describe('cron workflows', () => {
  it('waits for the schedule, sees its cron schedule and the last result, and runs again on schedule', { timeout: 60_000 }, async () => {
    const h = await env.client.workflow.start(wf.cronRun, { ...opts('cron'), cronSchedule: '@every 2s' });
    try {
      const first = await h.fetchHistory();
      const started = first.events![0]!.workflowExecutionStartedEventAttributes!;
      expect(started.cronSchedule).toBe('@every 2s');
      expect(Number(started.firstWorkflowTaskBackoff?.seconds ?? 0)).toBeGreaterThan(0);
      // The first run closes COMPLETED and names the next run; result() without following says so.
      const firstRun = env.client.workflow.getHandle(h.workflowId, h.firstExecutionRunId, { followRuns: false });
      expect(await failureOf(firstRun.result())).toBeInstanceOf(WorkflowContinuedAsNewError);
      expect((await firstRun.describe()).status.name).toBe('COMPLETED');
      const closed = (await firstRun.fetchHistory()).events!.at(-1)!.workflowExecutionCompletedEventAttributes!;
      expect(closed.newExecutionRunId).toBeTruthy();
      // The second run: started by the schedule, with the first run's result.
      const second = env.client.workflow.getHandle(h.workflowId, closed.newExecutionRunId!, { followRuns: false });
      expect(await failureOf(second.result())).toBeInstanceOf(WorkflowContinuedAsNewError);
      const secondStart = (await second.fetchHistory()).events![0]!.workflowExecutionStartedEventAttributes!;
      expect(secondStart.cronSchedule).toBe('@every 2s');
      expect(secondStart.continuedExecutionRunId).toBe(h.firstExecutionRunId);
      const closedSecond = (await second.fetchHistory()).events!.at(-1)!.workflowExecutionCompletedEventAttributes!;
      const secondResult = await env.client.workflow.getHandle(h.workflowId, closedSecond.newExecutionRunId!, { followRuns: false }).describe();
      expect(secondResult.status.name).toBe('RUNNING');
      const firstResult = await env.client.options.loadedDataConverter.payloadConverter.fromPayload(closed.result!.payloads![0]!);
      expect(firstResult).toEqual({ cronSchedule: '@every 2s', attempt: 1 });
      const secondValue = env.client.options.loadedDataConverter.payloadConverter.fromPayload(closedSecond.result!.payloads![0]!);
      expect(secondValue).toEqual({ cronSchedule: '@every 2s', lastResult: { cronSchedule: '@every 2s', attempt: 1 }, attempt: 1 });
    } finally {
      await h.terminate();
    }
  });

  it('refuses an invalid cron schedule with INVALID_ARGUMENT', async () => {
    const err = (await failureOf(env.client.workflow.start(wf.cronRun, { ...opts('badcron'), cronSchedule: 'not a cron' }))) as Error & { cause?: { code: number; details: string } };
    expect(err.cause?.code).toBe(status.INVALID_ARGUMENT);
    expect(err.cause?.details).toBe('invalid CronSchedule.');
  });
});
