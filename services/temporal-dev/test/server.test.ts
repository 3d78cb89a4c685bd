import { status } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporalDevServer, type TemporalDevServer } from '../src/server';
import { codeOf, rawClient } from './client';

/** The server driven by hand over gRPC (in memory): task lifecycle details and bad input. */
let server: TemporalDevServer;
let c: ReturnType<typeof rawClient>;
beforeAll(async () => {
  server = await startTemporalDevServer({ port: 0, longPollMs: 2000 });
  c = rawClient(server.address);
});
afterAll(async () => {
  c?.close();
  await server?.stop();
});

const ns = 'default';
async function start(taskQueue: string, extra: Record<string, unknown> = {}) {
  const workflowId = `wf-${randomUUID()}`;
  const r = await c.call('StartWorkflowExecution', {
    namespace: ns,
    workflowId,
    workflowType: { name: 'raw' },
    taskQueue: { name: taskQueue },
    requestId: randomUUID(),
    ...extra,
  });
  return { workflowId, runId: r.runId as string };
}
const poll = (taskQueue: string) => c.call('PollWorkflowTaskQueue', { namespace: ns, taskQueue: { name: taskQueue }, identity: 'test' });
async function types(workflowId: string): Promise<string[]> {
  const h = await c.call('GetWorkflowExecutionHistory', { namespace: ns, execution: { workflowId } });
  return (h.history.events as { eventType: string }[]).map((e) => e.eventType.replace('EVENT_TYPE_', ''));
}

describe('workflow tasks', () => {
  it('buffers events that arrive while a task runs and schedules a new task after it', async () => {
    const tq = randomUUID();
    const { workflowId } = await start(tq);
    const task = await poll(tq);
    expect(task.startedEventId).toBe(3);
    await c.call('SignalWorkflowExecution', { namespace: ns, workflowExecution: { workflowId }, signalName: 's', requestId: randomUUID() });
    expect(await types(workflowId)).toEqual(['WORKFLOW_EXECUTION_STARTED', 'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED']);
    await c.call('RespondWorkflowTaskCompleted', { namespace: ns, taskToken: task.taskToken, commands: [] });
    expect(await types(workflowId)).toEqual([
      'WORKFLOW_EXECUTION_STARTED', 'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_COMPLETED',
      'WORKFLOW_EXECUTION_SIGNALED', 'WORKFLOW_TASK_SCHEDULED',
    ]);
    const next = await poll(tq);
    expect(next.previousStartedEventId).toBe(3);
    expect(next.history.events).toHaveLength(7);
  });

  it('holds a query sent while a task runs until that task completes', async () => {
    const tq = randomUUID();
    const { workflowId } = await start(tq);
    const task = await poll(tq);
    let answered = false;
    const query = c
      .call('QueryWorkflow', { namespace: ns, execution: { workflowId }, query: { queryType: 'state' } })
      .then((r) => ((answered = true), r));
    await new Promise((r) => setTimeout(r, 200));
    expect(answered).toBe(false); // no query task while the workflow task is out
    await c.call('RespondWorkflowTaskCompleted', { namespace: ns, taskToken: task.taskToken, commands: [] });
    const queryTask = await poll(tq); // now it goes out, after the task's effects
    expect(queryTask.query.queryType).toBe('state');
    expect(queryTask.history.events).toHaveLength(4);
    await c.call('RespondQueryTaskCompleted', {
      namespace: ns,
      taskToken: queryTask.taskToken,
      completedType: 'QUERY_RESULT_TYPE_ANSWERED',
      queryResult: { payloads: [{ data: Buffer.from('"ok"') }] },
    });
    const r = await query;
    expect(Buffer.from(r.queryResult.payloads[0].data).toString()).toBe('"ok"');
  });

  it('refuses to close a run over unseen events, then retries the task', async () => {
    const tq = randomUUID();
    const { workflowId } = await start(tq);
    const task = await poll(tq);
    await c.call('SignalWorkflowExecution', { namespace: ns, workflowExecution: { workflowId }, signalName: 's', requestId: randomUUID() });
    await c.call('RespondWorkflowTaskCompleted', {
      namespace: ns,
      taskToken: task.taskToken,
      commands: [{ commandType: 'COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION', completeWorkflowExecutionCommandAttributes: {} }],
    });
    const t = await types(workflowId);
    expect(t.slice(3)).toEqual(['WORKFLOW_TASK_FAILED', 'WORKFLOW_EXECUTION_SIGNALED', 'WORKFLOW_TASK_SCHEDULED']);
  });

  it('times out a task nobody completes and hands it out again as a transient attempt 2', async () => {
    const tq = randomUUID();
    const { workflowId } = await start(tq, { workflowTaskTimeout: { seconds: 1 } });
    const first = await poll(tq);
    expect(first.attempt).toBe(1);
    const t0 = Date.now();
    const second = await poll(tq);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(second.attempt).toBe(2);
    const written = ['WORKFLOW_EXECUTION_STARTED', 'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_TIMED_OUT'];
    expect(await types(workflowId)).toEqual(written);
    // The retried attempt's scheduled/started events reach the worker but not (yet) the history.
    const shown = (second.history.events as { eventType: string; eventId: number }[]).map((e) => e.eventType.replace('EVENT_TYPE_', ''));
    expect(shown).toEqual([...written, 'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED']);
    expect(second.startedEventId).toBe(6);
    // The stale token no longer completes anything; the live one writes the attempt for good.
    expect(await codeOf(c.call('RespondWorkflowTaskCompleted', { namespace: ns, taskToken: first.taskToken, commands: [] }))).toBe(status.NOT_FOUND);
    await c.call('RespondWorkflowTaskCompleted', { namespace: ns, taskToken: second.taskToken, commands: [] });
    expect(await types(workflowId)).toEqual([...written, 'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_COMPLETED']);
  });

  it('writes nothing for retried attempts that fail again', async () => {
    const tq = randomUUID();
    const { workflowId } = await start(tq);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const task = await poll(tq);
      expect(task.attempt).toBe(attempt);
      await c.call('RespondWorkflowTaskFailed', { namespace: ns, taskToken: task.taskToken, cause: 'WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE', failure: { message: 'bug' } });
    }
    expect(await types(workflowId)).toEqual(['WORKFLOW_EXECUTION_STARTED', 'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_FAILED']);
    const d = await c.call('DescribeWorkflowExecution', { namespace: ns, execution: { workflowId } });
    expect(d.pendingWorkflowTask.attempt).toBe(4);
  });

  it('fails the task and ends the run with a clear reason on an unsupported command', async () => {
    const tq = randomUUID();
    const { workflowId } = await start(tq);
    const task = await poll(tq);
    const err = await c
      .call('RespondWorkflowTaskCompleted', {
        namespace: ns,
        taskToken: task.taskToken,
        commands: [{ commandType: 'COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION', scheduleNexusOperationCommandAttributes: { endpoint: 'e' } }],
      })
      .catch((e: { code: number; details: string }) => e);
    expect((err as { code: number }).code).toBe(status.UNIMPLEMENTED);
    expect((err as { details: string }).details).toMatch(/does not support command COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION/);
    const t = await types(workflowId);
    expect(t.slice(-2)).toEqual(['WORKFLOW_TASK_FAILED', 'WORKFLOW_EXECUTION_TERMINATED']);
  });

  it('answers an empty poll when no task arrives before the long-poll limit', async () => {
    const t0 = Date.now();
    const r = await poll(randomUUID());
    expect(r.taskToken).toBeUndefined();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
  });
});

describe('bad input', () => {
  it('unknown namespace -> NOT_FOUND (and DescribeNamespace too)', async () => {
    expect(await codeOf(c.call('DescribeNamespace', { namespace: 'nope' }))).toBe(status.NOT_FOUND);
    expect(await codeOf(c.call('StartWorkflowExecution', { namespace: 'nope', workflowId: 'x', workflowType: { name: 't' }, taskQueue: { name: 'q' } }))).toBe(status.NOT_FOUND);
    expect(await codeOf(c.call('PollActivityTaskQueue', { namespace: 'nope', taskQueue: { name: 'q' } }))).toBe(status.NOT_FOUND);
  });

  it('malformed requests -> INVALID_ARGUMENT', async () => {
    expect(await codeOf(c.call('StartWorkflowExecution', { namespace: ns, workflowType: { name: 't' }, taskQueue: { name: 'q' } }))).toBe(status.INVALID_ARGUMENT);
    expect(await codeOf(c.call('StartWorkflowExecution', { namespace: ns, workflowId: 'x', taskQueue: { name: 'q' } }))).toBe(status.INVALID_ARGUMENT);
    expect(await codeOf(c.call('StartWorkflowExecution', { namespace: ns, workflowId: 'x', workflowType: { name: 't' } }))).toBe(status.INVALID_ARGUMENT);
    expect(await codeOf(c.call('SignalWorkflowExecution', { namespace: ns, workflowExecution: { workflowId: 'x' } }))).toBe(status.INVALID_ARGUMENT);
    expect(await codeOf(c.call('RespondActivityTaskCompleted', { namespace: ns, taskToken: Buffer.from('garbage') }))).toBe(status.INVALID_ARGUMENT);
    expect(await codeOf(c.call('DescribeWorkflowExecution', { namespace: ns, execution: { workflowId: 'x', runId: 'not-a-uuid' } }))).toBe(status.INVALID_ARGUMENT);
    expect(await codeOf(c.call('ListWorkflowExecutions', { namespace: ns, query: 'WorkflowType LIKE 1' }))).toBe(status.INVALID_ARGUMENT);
  });

  it('unknown workflow or run ids -> NOT_FOUND', async () => {
    expect(await codeOf(c.call('DescribeWorkflowExecution', { namespace: ns, execution: { workflowId: 'missing' } }))).toBe(status.NOT_FOUND);
    const { workflowId } = await start(randomUUID());
    expect(await codeOf(c.call('DescribeWorkflowExecution', { namespace: ns, execution: { workflowId, runId: randomUUID() } }))).toBe(status.NOT_FOUND);
    expect(await codeOf(c.call('GetWorkflowExecutionHistory', { namespace: ns, execution: { workflowId, runId: randomUUID() } }))).toBe(status.NOT_FOUND);
    await c.call('TerminateWorkflowExecution', { namespace: ns, workflowExecution: { workflowId } });
    // Signalling or terminating a closed run: NOT_FOUND, like the real server.
    expect(await codeOf(c.call('SignalWorkflowExecution', { namespace: ns, workflowExecution: { workflowId }, signalName: 's' }))).toBe(status.NOT_FOUND);
    expect(await codeOf(c.call('TerminateWorkflowExecution', { namespace: ns, workflowExecution: { workflowId } }))).toBe(status.NOT_FOUND);
  });

  it('an RPC the server lacks -> UNIMPLEMENTED, and the server keeps serving', async () => {
    expect(await codeOf(c.call('StartBatchOperation', { namespace: ns, jobId: 'b' }))).toBe(status.UNIMPLEMENTED);
    expect((await c.call('GetSystemInfo', {})).serverVersion).toMatch(/temporal-dev/);
  });
});

describe('start-up', () => {
  it('fails cleanly when the port is taken', async () => {
    const port = Number(server.address.split(':')[1]);
    await expect(startTemporalDevServer({ port })).rejects.toThrow();
  });
});

describe('garbage on the wire', () => {
  it('answers undecodable request bytes with an error status and keeps serving', async () => {
    const { makeGenericClientConstructor, credentials } = await import('@grpc/grpc-js');
    const Ctor = makeGenericClientConstructor(
      {
        StartWorkflowExecution: {
          path: '/temporal.api.workflowservice.v1.WorkflowService/StartWorkflowExecution',
          requestStream: false,
          responseStream: false,
          requestSerialize: (b: Buffer) => b,
          requestDeserialize: (b: Buffer) => b,
          responseSerialize: (b: Buffer) => b,
          responseDeserialize: (b: Buffer) => b,
        },
      },
      'Raw',
    );
    const raw = new Ctor(server.address, credentials.createInsecure()) as unknown as {
      StartWorkflowExecution(b: Buffer, cb: (e: { code: number } | null) => void): void;
      close(): void;
    };
    const code = await new Promise<number>((resolve) =>
      raw.StartWorkflowExecution(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x12]), (e) => resolve(e?.code ?? 0)),
    );
    raw.close();
    expect([status.INTERNAL, status.INVALID_ARGUMENT]).toContain(code);
    expect((await c.call('GetSystemInfo', {})).serverVersion).toMatch(/temporal-dev/);
  });
});

describe('retention', () => {
  it('forgets closed runs after the retention period', async () => {
    const short = await startTemporalDevServer({ port: 0, retentionMs: 200 });
    const rc = rawClient(short.address);
    try {
      const workflowId = `gone-${randomUUID()}`;
      await rc.call('StartWorkflowExecution', { namespace: ns, workflowId, workflowType: { name: 'raw' }, taskQueue: { name: 'q' }, requestId: randomUUID() });
      const running = await rc.call('DescribeWorkflowExecution', { namespace: ns, execution: { workflowId } });
      expect(running.workflowExecutionInfo.status).toBe('WORKFLOW_EXECUTION_STATUS_RUNNING');
      await new Promise((r) => setTimeout(r, 500)); // running runs are never forgotten
      await rc.call('TerminateWorkflowExecution', { namespace: ns, workflowExecution: { workflowId } });
      await new Promise((r) => setTimeout(r, 700));
      expect(await codeOf(rc.call('DescribeWorkflowExecution', { namespace: ns, execution: { workflowId } }))).toBe(status.NOT_FOUND);
    } finally {
      rc.close();
      await short.stop();
    }
  });
});
