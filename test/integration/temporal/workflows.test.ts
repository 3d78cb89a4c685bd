import { randomUUID } from 'node:crypto';
import { status as grpcStatus } from '@grpc/grpc-js';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
} from '@temporalio/client';
import { CancelledFailure, TerminatedFailure, TimeoutFailure, ChildWorkflowFailure, ApplicationFailure } from '@temporalio/common';
import { google, temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalAddress, startTemporalTestEnv, type TemporalTestEnv } from '../../support/temporal/harness';
import { eventTypes, waitFor } from '../../support/temporal/history';
import * as wf from '../../support/temporal/workflows';

/** SDK conformance: the real client and worker against temporal-dev (or TEMPORAL_ADDRESS). */
let env: TemporalTestEnv;
beforeAll(async () => {
  env = await startTemporalTestEnv();
});
afterAll(async () => env?.stop());

const id = (p: string) => `${p}-${randomUUID()}`;
const opts = (prefix: string) => ({ taskQueue: env.taskQueue, workflowId: id(prefix) });

describe.concurrent('workflows', () => {
  it('runs activity + timer + signal with queries, and writes the expected history', async () => {
    const h = await env.client.workflow.start(wf.happyPath, { args: ['Ada'], ...opts('happy') });
    await waitFor(() => h.query(wf.statusQuery), (s) => s === 'waiting');
    await h.signal(wf.approve, 'Bob');
    expect(await h.result()).toBe('Hello, Ada, approved by Bob');
    expect(await h.query(wf.statusQuery)).toBe('done'); // query on a closed run
    const wft = ['WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_COMPLETED'];
    expect(await eventTypes(h)).toEqual([
      'WORKFLOW_EXECUTION_STARTED', ...wft,
      'ACTIVITY_TASK_SCHEDULED', 'ACTIVITY_TASK_STARTED', 'ACTIVITY_TASK_COMPLETED', ...wft,
      'TIMER_STARTED', 'TIMER_FIRED', ...wft,
      'WORKFLOW_EXECUTION_SIGNALED', ...wft,
      'WORKFLOW_EXECUTION_COMPLETED',
    ]);
  });

  it('answers queries after the signals sent before them (consistent state)', async () => {
    const h = await env.client.workflow.start(wf.signals, opts('consistent'));
    for (let i = 1; i <= 8; i++) {
      await h.signal(wf.ping, 1);
      expect(await h.query(wf.countQuery)).toBe(i);
    }
    // Many signals in flight at once while tasks run: none lost, order irrelevant.
    await Promise.all(Array.from({ length: 20 }, () => h.signal(wf.ping, 1)));
    expect(await h.query(wf.countQuery)).toBe(28);
    await h.signal(wf.finish);
    expect(await h.result()).toBe(28);
  });

  it('rejects a second start of a running id with ALREADY_EXISTS and the run id in the details', async () => {
    const o = opts('dup');
    const h = await env.client.workflow.start(wf.sleeper, { ...o, args: [60_000] });
    await expect(env.client.workflow.start(wf.sleeper, { ...o, args: [1] })).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
    const err = await env.client.workflowService
      .startWorkflowExecution({
        namespace: 'default',
        workflowId: o.workflowId,
        workflowType: { name: 'sleeper' },
        taskQueue: { name: env.taskQueue },
        requestId: randomUUID(),
      })
      .catch((e: unknown) => e as { code: number; metadata: { get(k: string): unknown[] } });
    expect((err as { code: number }).code).toBe(grpcStatus.ALREADY_EXISTS);
    const st = google.rpc.Status.decode((err as { metadata: { get(k: string): Buffer[] } }).metadata.get('grpc-status-details-bin')[0]!);
    const detail = st.details[0]!;
    expect(detail.type_url).toBe('type.googleapis.com/temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure');
    expect(temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure.decode(detail.value!).runId).toBe(h.firstExecutionRunId);
    await h.terminate();
  });

  it('applies conflict policies USE_EXISTING and TERMINATE_EXISTING', async () => {
    const o = opts('conflict');
    const first = await env.client.workflow.start(wf.sleeper, { ...o, args: [60_000] });
    const same = await env.client.workflow.start(wf.sleeper, { ...o, args: [60_000], workflowIdConflictPolicy: 'USE_EXISTING' });
    expect(same.firstExecutionRunId).toBe(first.firstExecutionRunId);
    const second = await env.client.workflow.start(wf.sleeper, { ...o, args: [60_000], workflowIdConflictPolicy: 'TERMINATE_EXISTING' });
    expect(second.firstExecutionRunId).not.toBe(first.firstExecutionRunId);
    expect((await env.client.workflow.getHandle(o.workflowId, first.firstExecutionRunId).describe()).status.name).toBe('TERMINATED');
    await second.terminate();
  });

  it('applies reuse policies REJECT_DUPLICATE and ALLOW_DUPLICATE_FAILED_ONLY', async () => {
    const o = opts('reuse');
    await env.client.workflow.execute(wf.sleeper, { ...o, args: [1] });
    await expect(env.client.workflow.start(wf.sleeper, { ...o, args: [1], workflowIdReusePolicy: 'REJECT_DUPLICATE' })).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
    await expect(env.client.workflow.start(wf.sleeper, { ...o, args: [1], workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' })).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
    const again = await env.client.workflow.start(wf.failing, { ...o, args: ['x'] });
    await expect(again.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    const third = await env.client.workflow.start(wf.sleeper, { ...o, args: [1], workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' });
    expect(await third.result()).toBe('woke');
  });

  it('signal-with-start starts once, then signals the running run', async () => {
    const o = opts('sws');
    const h1 = await env.client.workflow.signalWithStart(wf.signals, { ...o, signal: wf.ping, signalArgs: [2] });
    const h2 = await env.client.workflow.signalWithStart(wf.signals, { ...o, signal: wf.ping, signalArgs: [3] });
    expect(h2.signaledRunId).toBe(h1.signaledRunId);
    await h1.signal(wf.finish);
    expect(await h1.result()).toBe(5);
    const types = await eventTypes(h1);
    expect(types.slice(0, 3)).toEqual(['WORKFLOW_EXECUTION_STARTED', 'WORKFLOW_EXECUTION_SIGNALED', 'WORKFLOW_TASK_SCHEDULED']);
  });

  it('cancels a workflow, which runs its cleanup and closes as canceled', async () => {
    const h = await env.client.workflow.start(wf.cancellable, opts('cancel'));
    await waitFor(() => eventTypes(h), (t) => t.includes('TIMER_STARTED'));
    await h.cancel();
    const err = await h.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    const types = await eventTypes(h);
    expect(types).toContain('WORKFLOW_EXECUTION_CANCEL_REQUESTED');
    expect(types).toContain('ACTIVITY_TASK_COMPLETED');
    expect(types.at(-1)).toBe('WORKFLOW_EXECUTION_CANCELED');
    expect((await h.describe()).status.name).toBe('CANCELLED');
  });

  it('terminates a workflow', async () => {
    const h = await env.client.workflow.start(wf.sleeper, { ...opts('term'), args: [60_000] });
    await h.terminate('enough');
    const err = await h.result().catch((e: unknown) => e);
    expect((err as WorkflowFailedError).cause).toBeInstanceOf(TerminatedFailure);
    expect((await h.describe()).status.name).toBe('TERMINATED');
    expect((await eventTypes(h)).at(-1)).toBe('WORKFLOW_EXECUTION_TERMINATED');
  });

  it('reports a workflow failure with its type', async () => {
    const h = await env.client.workflow.start(wf.failing, { ...opts('fail'), args: ['it broke'] });
    const err = (await h.result().catch((e: unknown) => e)) as WorkflowFailedError;
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(err.cause).toBeInstanceOf(ApplicationFailure);
    expect((err.cause as ApplicationFailure).type).toBe('MyFailure');
    expect((await h.describe()).status.name).toBe('FAILED');
  });

  it('describes and lists by type and status', async () => {
    const h = await env.client.workflow.start(wf.sleeper, { ...opts('list'), args: [60_000] });
    const d = await h.describe();
    expect(d.type).toBe('sleeper');
    expect(d.taskQueue).toBe(env.taskQueue);
    expect(d.status.name).toBe('RUNNING');
    expect(d.historyLength).toBeGreaterThanOrEqual(2);
    const listed = async (query: string) => {
      const ids: string[] = [];
      for await (const w of env.client.workflow.list({ query })) ids.push(w.workflowId);
      return ids;
    };
    const q = `TaskQueue = '${env.taskQueue}' AND WorkflowType = 'sleeper' AND ExecutionStatus = 'Running'`;
    expect(await waitFor(() => listed(q), (ids) => ids.includes(h.workflowId))).toContain(h.workflowId);
    await h.terminate();
    const q2 = `TaskQueue = '${env.taskQueue}' AND WorkflowType = 'sleeper' AND ExecutionStatus = 'Terminated'`;
    expect(await waitFor(() => listed(q2), (ids) => ids.includes(h.workflowId))).toContain(h.workflowId);
  });

  it('times out a run that exceeds its run timeout', async () => {
    const h = await env.client.workflow.start(wf.sleeper, { ...opts('runtimeout'), args: [60_000], workflowRunTimeout: '800ms' });
    const err = (await h.result().catch((e: unknown) => e)) as WorkflowFailedError;
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(err.cause).toBeInstanceOf(TimeoutFailure);
    expect((await h.describe()).status.name).toBe('TIMED_OUT');
  });

  it('times out an execution across its runs', async () => {
    const h = await env.client.workflow.start(wf.sleeper, { ...opts('exectimeout'), args: [60_000], workflowExecutionTimeout: '800ms' });
    await expect(h.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    expect((await eventTypes(h)).at(-1)).toBe('WORKFLOW_EXECUTION_TIMED_OUT');
  });

  it('continues as new, and result() follows the chain', async () => {
    const h = await env.client.workflow.start(wf.continuing, { ...opts('can'), args: [3] });
    expect(await h.result()).toEqual([3, 2, 1]);
    const firstRun = env.client.workflow.getHandle(h.workflowId, h.firstExecutionRunId);
    expect((await eventTypes(firstRun)).at(-1)).toBe('WORKFLOW_EXECUTION_CONTINUED_AS_NEW');
    const latest = await env.client.workflow.getHandle(h.workflowId).describe();
    expect(latest.runId).not.toBe(h.firstExecutionRunId);
    expect(latest.status.name).toBe('COMPLETED');
  });

  it('runs child workflows and returns their results', async () => {
    const h = await env.client.workflow.start(wf.parent, { ...opts('parent'), args: [5] });
    expect(await h.result()).toBe(20);
    const types = await eventTypes(h);
    expect(types.filter((t) => t === 'START_CHILD_WORKFLOW_EXECUTION_INITIATED')).toHaveLength(2);
    expect(types.filter((t) => t === 'CHILD_WORKFLOW_EXECUTION_STARTED')).toHaveLength(2);
    expect(types.filter((t) => t === 'CHILD_WORKFLOW_EXECUTION_COMPLETED')).toHaveLength(2);
    const child = await env.client.workflow.getHandle(`${h.workflowId}-child-a`).describe();
    expect(child.parentExecution?.workflowId).toBe(h.workflowId);
  });

  it('surfaces a failing child as ChildWorkflowFailure', async () => {
    const h = await env.client.workflow.start(wf.parentOfFailingChild, opts('badchild'));
    const r = await h.result();
    expect(r).toBe(`${ChildWorkflowFailure.name}: negative child input`);
  });

  it('cancels a child workflow', async () => {
    const h = await env.client.workflow.start(wf.parentCancelsChild, opts('cancelchild'));
    expect(await h.result()).toBe('child cancelled');
    expect((await env.client.workflow.getHandle(`${h.workflowId}-child`).describe()).status.name).toBe('CANCELLED');
  });

  it('terminates a running child when its parent closes (default parent-close policy)', async () => {
    const h = await env.client.workflow.start(wf.parentLeavesChild, opts('leaver'));
    const childId = await h.result();
    const child = env.client.workflow.getHandle(childId);
    expect((await waitFor(() => child.describe(), (d) => d.status.name !== 'RUNNING')).status.name).toBe('TERMINATED');
  });

  it('signals an external workflow', async () => {
    const target = await env.client.workflow.start(wf.signals, opts('target'));
    const sender = await env.client.workflow.start(wf.signalExternal, { ...opts('sender'), args: [target.workflowId] });
    await sender.result();
    expect(await target.result()).toBe(5);
    expect(await eventTypes(sender)).toContain('EXTERNAL_WORKFLOW_EXECUTION_SIGNALED');
  });

  it('runs updates: result, validator rejection, dedup by update id, accepted stage', async () => {
    const h = await env.client.workflow.start(wf.updatable, opts('update'));
    expect(await h.executeUpdate(wf.addItem, { args: [3] })).toBe(3);
    expect(await h.executeUpdate(wf.addItem, { args: [4] })).toBe(7);
    await expect(h.executeUpdate(wf.addItem, { args: [-1] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await h.executeUpdate(wf.addItem, { args: [10], updateId: 'same' })).toBe(17);
    expect(await h.executeUpdate(wf.addItem, { args: [10], updateId: 'same' })).toBe(17);
    const started = await h.startUpdate(wf.addItem, { args: [1], waitForStage: WorkflowUpdateStage.ACCEPTED });
    expect(await started.result()).toBe(18);
    expect(await h.query(wf.countQuery)).toBe(18);
    await h.signal(wf.finish);
    expect(await h.result()).toBe(18);
    const types = await eventTypes(h);
    expect(types.filter((t) => t === 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED')).toHaveLength(4);
    expect(types.filter((t) => t === 'WORKFLOW_EXECUTION_UPDATE_COMPLETED')).toHaveLength(4);
  });

  it('retries a failing workflow task', async () => {
    const h = await env.client.workflow.start(wf.brokenWorkflowTask, opts('badtask'));
    const raw = await waitFor(
      () => env.client.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: h.workflowId } }),
      (d) => (d.pendingWorkflowTask?.attempt ?? 0) >= 2,
    );
    expect(raw.pendingWorkflowTask?.attempt).toBeGreaterThanOrEqual(2);
    expect(await eventTypes(h)).toContain('WORKFLOW_TASK_FAILED');
    await h.terminate();
  });

  it('hands a timed-out workflow task to another worker as attempt 2, which completes the run', async () => {
    const taskQueue = `lost-task-${randomUUID()}`;
    const h = await env.client.workflow.start(wf.sleeper, { taskQueue, workflowId: id('lost-task'), args: [10], workflowTaskTimeout: '1s' });
    // A "worker" takes the first task and dies silently.
    // With a deadline, as workers poll: both servers refuse a long poll without one.
    const lost = await env.client.connection.withDeadline(Date.now() + 30_000, () =>
      env.client.workflowService.pollWorkflowTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue }, identity: 'lost' }),
    );
    expect(lost.attempt).toBe(1);
    expect(await env.withWorker(taskQueue, () => h.result())).toBe('woke');
    const types = await eventTypes(h);
    expect(types.slice(0, 7)).toEqual([
      'WORKFLOW_EXECUTION_STARTED', 'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_TIMED_OUT',
      'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_COMPLETED',
    ]);
    const history = await h.fetchHistory();
    expect(history.events![4]!.workflowTaskScheduledEventAttributes!.attempt).toBe(2);
  });

  it('fires timers on time and never fires a cancelled one', async () => {
    const h = await env.client.workflow.start(wf.timers, opts('timers'));
    const [first, second] = await h.result();
    expect(first).toBeGreaterThanOrEqual(200);
    // Never early; how late a busy machine runs them is the benchmark's business (bounds catch a hang only).
    expect(first).toBeLessThan(30_000);
    expect(second! - first!).toBeGreaterThanOrEqual(300);
    expect(second! - first!).toBeLessThan(30_000);
    const types = await eventTypes(h);
    expect(types.filter((t) => t === 'TIMER_FIRED')).toHaveLength(4);
    expect(types).toContain('TIMER_CANCELED');
  });

  // temporal-dev only: a real server runs Nexus operations.
  it.skipIf(!!externalAddress)('ends a run that uses an unsupported command with a clear reason, instead of retrying forever', async () => {
    const h = await env.client.workflow.start(wf.usesNexus, opts('nexus'));
    const err = (await h.result().catch((e: unknown) => e)) as WorkflowFailedError;
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(err.cause).toBeInstanceOf(TerminatedFailure);
    expect(err.cause?.message).toMatch(/temporal-dev does not support command COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION/);
    expect((await eventTypes(h)).slice(-2)).toEqual(['WORKFLOW_TASK_FAILED', 'WORKFLOW_EXECUTION_TERMINATED']);
  });
});
