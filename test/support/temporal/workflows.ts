import * as nexus from 'nexus-rpc';
import {
  ActivityCancellationType,
  createNexusServiceClient,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  executeChild,
  getExternalWorkflowHandle,
  isCancellation,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from './activities';

export const approve = defineSignal<[string]>('approve');
export const ping = defineSignal<[number]>('ping');
export const statusQuery = defineQuery<string>('status');
export const countQuery = defineQuery<number>('count');
export const addItem = defineUpdate<number, [number]>('addItem');
export const finish = defineSignal('finish');

const quick = proxyActivities<Activities>({ startToCloseTimeout: '10s' });

/** The benchmark and happy-path shape: 1 activity, 1 short timer, 1 signal; queries throughout. */
export async function happyPath(name: string, timerMs = 100): Promise<string> {
  let approvedBy: string | undefined;
  let status = 'started';
  setHandler(approve, (who) => void (approvedBy = who));
  setHandler(statusQuery, () => status);
  const greeting = await quick.greet(name);
  status = 'greeted';
  await sleep(timerMs);
  status = 'waiting';
  await condition(() => approvedBy !== undefined);
  status = 'done';
  return `${greeting}, approved by ${approvedBy}`;
}

export async function retryingActivity(key: string, failures: number): Promise<number> {
  const acts = proxyActivities<Activities>({
    startToCloseTimeout: '5s',
    retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '1s', maximumAttempts: 5 },
  });
  return acts.flaky(key, failures);
}

export async function retryLimited(key: string): Promise<number> {
  const acts = proxyActivities<Activities>({ startToCloseTimeout: '5s', retry: { initialInterval: '50ms', maximumAttempts: 3 } });
  return acts.flaky(key, 100);
}

export async function nonRetryableByType(key: string): Promise<number> {
  const acts = proxyActivities<Activities>({
    startToCloseTimeout: '5s',
    retry: { initialInterval: '50ms', nonRetryableErrorTypes: ['Doomed'] },
  });
  return acts.flaky(key, 100, 'Doomed');
}

export async function nonRetryableFlag(key: string): Promise<void> {
  const acts = proxyActivities<Activities>({ startToCloseTimeout: '5s', retry: { initialInterval: '50ms' } });
  return acts.nonRetryable(key);
}

export async function startToCloseTimeout(key: string): Promise<string> {
  const acts = proxyActivities<Activities>({ startToCloseTimeout: '300ms', retry: { maximumAttempts: 1 } });
  return acts.slow(key, 3000);
}

export async function scheduleToStartTimeout(): Promise<string> {
  const acts = proxyActivities<Activities>({
    taskQueue: 'nobody-polls-this-queue',
    scheduleToStartTimeout: '300ms',
    startToCloseTimeout: '5s',
  });
  return acts.greet('nobody');
}

export async function scheduleToCloseTimeout(key: string): Promise<number> {
  const acts = proxyActivities<Activities>({ scheduleToCloseTimeout: '1200ms', retry: { initialInterval: '200ms', backoffCoefficient: 1 } });
  return acts.flaky(key, 1000);
}

export async function heartbeatTimeout(key: string): Promise<unknown> {
  const acts = proxyActivities<Activities>({
    startToCloseTimeout: '20s',
    heartbeatTimeout: '500ms',
    retry: { initialInterval: '100ms', maximumAttempts: 2 },
  });
  return acts.heartbeatThenStall(key);
}

export async function heartbeatTimeoutNoRetry(key: string): Promise<unknown> {
  const acts = proxyActivities<Activities>({ startToCloseTimeout: '20s', heartbeatTimeout: '500ms', retry: { maximumAttempts: 1 } });
  return acts.heartbeatThenStall(key);
}

/** Starts a heartbeating activity and cancels it after `afterMs`; returns what the workflow saw. */
export async function cancelActivity(key: string, afterMs: number): Promise<string> {
  const acts = proxyActivities<Activities>({
    startToCloseTimeout: '30s',
    heartbeatTimeout: '2s',
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  });
  const scope = new CancellationScope();
  const p = scope.run(() => acts.heartbeatUntilCancelled(key));
  await sleep(afterMs);
  scope.cancel();
  try {
    return await p;
  } catch (e) {
    return isCancellation(e) ? 'cancelled' : `other: ${(e as Error).message}`;
  }
}

/** Uses defaults only: the server must fill schedule-to-close / schedule-to-start. */
export async function defaultsOnly(): Promise<string> {
  const acts = proxyActivities<Activities>({ startToCloseTimeout: '5s' });
  return acts.echo('defaults');
}

export async function timers(): Promise<number[]> {
  const t0 = Date.now();
  const marks: number[] = [];
  await sleep(200);
  marks.push(Date.now() - t0);
  await Promise.all([sleep(100), sleep(300)]);
  marks.push(Date.now() - t0);
  // A cancelled timer must not fire.
  const scope = new CancellationScope();
  const p = scope.run(() => sleep(10_000)).catch(() => 'cancelled');
  await sleep(50);
  scope.cancel();
  await p;
  return marks;
}

/** Waits for `finish`; counts pings; answers queries. */
export async function signals(): Promise<number> {
  let count = 0;
  let done = false;
  setHandler(ping, (n) => void (count += n));
  setHandler(finish, () => void (done = true));
  setHandler(countQuery, () => count);
  await condition(() => done);
  return count;
}

export async function sleeper(ms = 60_000): Promise<string> {
  await sleep(ms);
  return 'woke';
}

export async function failing(message: string): Promise<never> {
  throw ApplicationFailure.create({ message, type: 'MyFailure', nonRetryable: true });
}

/** Throws a plain Error: the SDK fails the workflow task (not the workflow) and it is retried. */
export async function brokenWorkflowTask(): Promise<never> {
  throw new Error('workflow task bug');
}

export async function updatable(): Promise<number> {
  let total = 0;
  let done = false;
  setHandler(
    addItem,
    async (n) => {
      await sleep(10);
      total += n;
      return total;
    },
    {
      validator: (n) => {
        if (n < 0) throw new Error('negative items are not allowed');
      },
    },
  );
  setHandler(finish, () => void (done = true));
  setHandler(countQuery, () => total);
  await condition(() => done);
  return total;
}

export async function continuing(n: number, acc: number[] = []): Promise<number[]> {
  const next = [...acc, n];
  if (n <= 1) return next;
  await sleep(10);
  return continueAsNew<typeof continuing>(n - 1, next);
}

export async function child(x: number): Promise<number> {
  await sleep(10);
  if (x < 0) throw ApplicationFailure.nonRetryable('negative child input', 'ChildFailure');
  return x * 2;
}

export async function parent(x: number): Promise<number> {
  const a = await executeChild(child, { args: [x], workflowId: `${workflowInfo().workflowId}-child-a` });
  const b = await executeChild(child, { args: [a], workflowId: `${workflowInfo().workflowId}-child-b` });
  return b;
}

export async function parentOfFailingChild(): Promise<string> {
  try {
    await executeChild(child, { args: [-1], workflowId: `${workflowInfo().workflowId}-child` });
    return 'no error';
  } catch (e) {
    return `${(e as Error).name}: ${((e as { cause?: Error }).cause?.message) ?? ''}`;
  }
}

export async function parentCancelsChild(): Promise<string> {
  const scope = new CancellationScope();
  const handle = await scope.run(() => startChild(sleeper, { args: [60_000], workflowId: `${workflowInfo().workflowId}-child` }));
  scope.cancel();
  try {
    await handle.result();
    return 'child finished';
  } catch (e) {
    return isCancellation(e) ? 'child cancelled' : `other: ${(e as Error).message}`;
  }
}

export async function signalExternal(targetId: string): Promise<void> {
  await getExternalWorkflowHandle(targetId).signal(ping, 5);
  await getExternalWorkflowHandle(targetId).signal(finish);
}

export async function cancellable(): Promise<string> {
  try {
    await sleep(60_000);
    return 'slept';
  } catch (e) {
    if (isCancellation(e)) {
      // Cleanup runs in a non-cancellable scope, then the cancellation propagates.
      await CancellationScope.nonCancellable(() => quick.greet('cleanup'));
    }
    throw e;
  }
}

const faultActs = proxyActivities<import('./fault-activities').FaultActivities>({ startToCloseTimeout: '20s' });

/** Fault-test shape: activity, timer, signal, activity; the result names both activity results. */
export async function faultTolerant(key: string, timerMs: number): Promise<string> {
  let signalled: string | undefined;
  setHandler(approve, (v) => void (signalled = v));
  const a = await faultActs.step(key, 'a');
  await sleep(timerMs);
  await condition(() => signalled !== undefined);
  const b = await faultActs.step(key, 'b');
  return `${a}|${signalled}|${b}`;
}

const greetingService = nexus.service('greeting', { hello: nexus.operation<string, string>() });

/** Calls a Nexus operation: a command temporal-dev does not support. */
export async function usesNexus(): Promise<string> {
  const c = createNexusServiceClient({ endpoint: 'nowhere', service: greetingService });
  return c.executeOperation('hello', 'x', { scheduleToCloseTimeout: '5s' });
}

/** Starts a long child and returns at once: the default parent-close policy terminates the child. */
export async function parentLeavesChild(): Promise<string> {
  const handle = await startChild(sleeper, { args: [60_000], workflowId: `${workflowInfo().workflowId}-child` });
  return handle.workflowId;
}

/** What a cron run sees: its schedule, and the previous run's result. */
export async function cronRun(): Promise<{ cronSchedule?: string; lastResult?: unknown; attempt: number }> {
  const info = workflowInfo();
  return { cronSchedule: info.cronSchedule, lastResult: info.lastResult, attempt: info.attempt };
}
