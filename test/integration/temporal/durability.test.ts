import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { freePort } from '@cc/db/embedded';
import { startTemporalDevServer, type TemporalDevServer } from '@cc/temporal-dev/server';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../support/postgres';
import { createActivities, createActivityLog } from '../../support/temporal/activities';
import { externalAddress, workflowBundle } from '../../support/temporal/harness';
import { eventTypes, waitFor } from '../../support/temporal/history';
import * as wf from '../../support/temporal/workflows';

/**
 * The PostgreSQL store: a clean restart of the server (same port, same database) in the middle of
 * timers, activity retries and signals loses nothing. Embedded server only.
 */
let db: { url: string; drop: () => Promise<void> };
let server: TemporalDevServer | undefined;
beforeAll(async () => {
  db = await createTestDatabase(inject('postgresUrl'));
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

// temporal-dev only (skipped under TEMPORAL_ADDRESS): these restart the embedded server and read its store.
it.skipIf(!!externalAddress)('keeps timers, retries, signals and queries across a restart', { timeout: 60_000 }, async () => {
  const port = await freePort();
  server = await startTemporalDevServer({ port, databaseUrl: db.url });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const log = createActivityLog();
  const taskQueue = `durable-${randomUUID()}`;
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: createActivities(log) });
  const running = worker.run();

  const key = randomUUID();
  const happy = await client.workflow.start(wf.happyPath, { taskQueue, workflowId: `d-happy-${key}`, args: ['Ada', 1500] });
  const retrying = await client.workflow.start(wf.retryingActivity, { taskQueue, workflowId: `d-retry-${key}`, args: [key, 3] });
  const sleeping = await client.workflow.start(wf.sleeper, { taskQueue, workflowId: `d-sleep-${key}`, args: [1500] });
  const counter = await client.workflow.start(wf.signals, { taskQueue, workflowId: `d-count-${key}` });
  await waitFor(() => happy.query(wf.statusQuery), (s) => s === 'greeted');
  await counter.signal(wf.ping, 2);

  await server.stop();
  server = await startTemporalDevServer({ port, databaseUrl: db.url });

  await counter.signal(wf.ping, 3);
  expect(await waitFor(() => counter.query(wf.countQuery), (n) => n === 5)).toBe(5);
  await waitFor(() => happy.query(wf.statusQuery), (s) => s === 'waiting');
  await happy.signal(wf.approve, 'Bob');
  await counter.signal(wf.finish);
  expect(await happy.result()).toBe('Hello, Ada, approved by Bob');
  expect(await retrying.result()).toBe(4);
  expect(await sleeping.result()).toBe('woke');
  expect(await counter.result()).toBe(5);
  expect(log.attempts.get(key)).toHaveLength(4);
  const types = await eventTypes(happy);
  expect(types.filter((t) => t === 'ACTIVITY_TASK_COMPLETED')).toHaveLength(1);
  expect(types.filter((t) => t === 'TIMER_FIRED')).toHaveLength(1);

  worker.shutdown();
  await running;
  await nativeConnection.close();
  await connection.close();
  await server.stop();
  server = undefined;
});

it.skipIf(!!externalAddress)('forgets closed runs after the retention period, in memory and in the database', { timeout: 30_000 }, async () => {
  server = await startTemporalDevServer({ port: 0, databaseUrl: db.url, retentionMs: 300 });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  const h = await client.workflow.start('sleeper', { taskQueue: `idle-${randomUUID()}`, workflowId: `retained-${randomUUID()}` });
  await h.terminate();
  expect((await h.describe()).status.name).toBe('TERMINATED');
  await waitFor(() => h.describe().then(() => 'still there', () => 'gone'), (s) => s === 'gone', 5000);
  await expect(h.describe()).rejects.toThrow();
  const sql = new pg.Client(db.url);
  await sql.connect();
  const rows = await sql.query('SELECT count(*)::int AS n FROM temporal_dev.runs WHERE workflow_id = $1', [h.workflowId]);
  await sql.end();
  expect(rows.rows[0].n).toBe(0);
  await connection.close();
});
