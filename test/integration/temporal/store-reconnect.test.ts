import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { startTemporalDevServer, type TemporalDevServer } from '@cc/temporal-dev/server';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../support/postgres';
import { createActivities, createActivityLog } from '../../support/temporal/activities';
import { externalAddress, workflowBundle } from '../../support/temporal/harness';
import { waitFor } from '../../support/temporal/history';
import { until } from '../../support/until';
import * as wf from '../../support/temporal/workflows';

/**
 * The PostgreSQL store's one connection (which holds the schema's advisory lock) is cut by the
 * database: the server reconnects, takes the lock again and keeps storing; if another server took
 * the lock meanwhile, it stops instead of writing without it.
 */
let db: { url: string; drop: () => Promise<void> };
let admin: pg.Client;
const servers: TemporalDevServer[] = [];
beforeAll(async () => {
  db = await createTestDatabase(inject('postgresUrl'));
  admin = new pg.Client(db.url);
  await admin.connect();
});
afterAll(async () => {
  for (const s of servers) await s.stop();
  await admin?.end();
  await db?.drop();
});

/** Ends the session holding temporal-dev's advisory lock, as a PostgreSQL restart would. */
async function cutStoreConnection(): Promise<void> {
  const { rows } = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  expect(rows).toHaveLength(1);
  await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
}

it.skipIf(!!externalAddress)('reconnects and re-takes its lock after the connection drops', { timeout: 60_000 }, async () => {
  const server = await startTemporalDevServer({ port: 0, databaseUrl: db.url, log: () => {} });
  servers.push(server);
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const taskQueue = `reconnect-${randomUUID()}`;
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: createActivities(createActivityLog()) });
  const running = worker.run();

  const counter = await client.workflow.start(wf.signals, { taskQueue, workflowId: `r-count-${randomUUID()}` });
  await counter.signal(wf.ping, 2);
  await cutStoreConnection();
  // Writes go through again (the SDK retries what failed while it was down), under the lock.
  await counter.signal(wf.ping, 3);
  expect(await waitFor(() => counter.query(wf.countQuery), (n) => n === 5)).toBe(5);
  await until(() => server.healthy(), (h) => h);
  const stored = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM temporal_dev.events`);
  expect(stored.rows[0]!.n).toBeGreaterThan(0);
  const locks = await admin.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted`);
  expect(locks.rowCount).toBe(1);
  await counter.signal(wf.finish);
  expect(await counter.result()).toBe(5);

  worker.shutdown();
  await running;
  await nativeConnection.close();
  await connection.close();
  await server.stop();
});

it.skipIf(!!externalAddress)('stops, never writing without the lock, when another server took it meanwhile', { timeout: 60_000 }, async () => {
  let fatal: Error | undefined;
  const server = await startTemporalDevServer({ port: 0, databaseUrl: db.url, log: () => {}, onFatal: (e) => (fatal = e) });
  servers.push(server);
  // Another session queues for the lock, so it gets it the moment the store's session ends.
  const rival = new pg.Client(db.url);
  await rival.connect();
  const rivalLocked = rival.query(`SELECT pg_advisory_lock(hashtext('temporal-dev:temporal_dev'))`);
  await until(async () => (await admin.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rowCount, (n) => n === 1);
  await cutStoreConnection();
  await rivalLocked;
  await until(() => fatal, (e) => !!e, 30_000);
  expect(fatal!.message).toMatch(/another temporal-dev server/);
  expect(server.healthy()).toBe(false);
  await rival.end();
});
