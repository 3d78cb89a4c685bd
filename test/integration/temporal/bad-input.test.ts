import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { NamespaceNotFoundError } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporalTestEnv, type TemporalTestEnv } from '../../support/temporal/harness';

/** Bad input gets the status codes a real frontend uses, and never takes the server down. */
let env: TemporalTestEnv;
beforeAll(async () => {
  env = await startTemporalTestEnv({ worker: false });
});
afterAll(async () => env?.stop());

async function codeOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return status.OK;
  } catch (e) {
    return (e as { code: number }).code;
  }
}

describe('bad input', () => {
  it('unknown namespace: NOT_FOUND, surfaced by the SDK as NamespaceNotFoundError', async () => {
    const svc = env.client.workflowService;
    expect(await codeOf(svc.describeNamespace({ namespace: `missing-${randomUUID()}` }))).toBe(status.NOT_FOUND);
    const connection = await Connection.connect({ address: env.address });
    const other = new Client({ connection, namespace: `missing-${randomUUID()}` });
    await expect(other.workflow.start('sleeper', { taskQueue: 'q', workflowId: randomUUID() })).rejects.toBeInstanceOf(NamespaceNotFoundError);
    await connection.close();
  });

  it('malformed requests: INVALID_ARGUMENT', async () => {
    const svc = env.client.workflowService;
    const base = { namespace: 'default', requestId: randomUUID() };
    expect(await codeOf(svc.startWorkflowExecution({ ...base, workflowType: { name: 't' }, taskQueue: { name: 'q' } }))).toBe(status.INVALID_ARGUMENT);
    expect(await codeOf(svc.startWorkflowExecution({ ...base, workflowId: randomUUID(), taskQueue: { name: 'q' } }))).toBe(status.INVALID_ARGUMENT);
    expect(await codeOf(svc.startWorkflowExecution({ ...base, workflowId: randomUUID(), workflowType: { name: 't' } }))).toBe(status.INVALID_ARGUMENT);
    expect(await codeOf(svc.respondActivityTaskCompleted({ namespace: 'default', taskToken: Buffer.from('not a token') }))).toBe(status.INVALID_ARGUMENT);
    expect(await codeOf(svc.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: 'x', runId: 'not-a-uuid' } }))).toBe(status.INVALID_ARGUMENT);
  });

  it('unknown workflow and run ids: NOT_FOUND, surfaced as WorkflowNotFoundError', async () => {
    const svc = env.client.workflowService;
    expect(await codeOf(svc.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: `missing-${randomUUID()}` } }))).toBe(status.NOT_FOUND);
    const h = await env.client.workflow.start('sleeper', { taskQueue: `idle-${randomUUID()}`, workflowId: `bad-${randomUUID()}`, args: [60_000] });
    expect(await codeOf(svc.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: h.workflowId, runId: randomUUID() } }))).toBe(status.NOT_FOUND);
    await expect(env.client.workflow.getHandle(h.workflowId, randomUUID()).signal('x')).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await h.terminate();
    await expect(h.signal('x')).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await expect(env.client.workflow.getHandle(`missing-${randomUUID()}`).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });
});
