import { Client, Connection } from '@temporalio/client';
import { parseApiEnv } from '@cc/api/env';
import { startWorkerSystem, type RunningSystem } from '@cc/api/system';
import { createDb, type Db } from '@cc/db/database';
import { freePort } from '@cc/db/embedded';
import { parseTemporalEnv } from '@cc/workflows/env';
import { afterAll, expect, inject, it } from 'vitest';
import { attachGraphQLClient, type TestApi } from '../support/api';
import { acceptOffers, lossReport, startPrivateRedis, type AcceptingAgent, type PrivateRedis } from '../support/faults';
import { createTestDatabase } from '../support/postgres';
import { createAgent, createQueue, enqueue, newCustomer } from '../support/routing-fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/start-process';
import { externalAddress } from '../support/temporal/harness';
import { spawnTemporalDev, type DevServerProcess } from '../support/temporal/dev-process';
import { until } from '../support/until';

/**
 * Two API replicas (processes of their own, `npm start`'s entry point) and a worker apart share
 * one PostgreSQL, one Temporal (temporal-dev, its own process) and one Redis (private). Offers made
 * while contacts are enqueued through replica A reach the agent subscribed on replica B; replica A
 * is killed with SIGKILL mid-flow and nothing is lost, doubled or stranded.
 */
const taskQueue = 'replicas-fault';
const jwtSecret = 'r'.repeat(40);
let db: { url: string; drop: () => Promise<void> } | undefined;
let appDb: Db | undefined;
let redis: PrivateRedis | undefined;
let temporalServer: DevServerProcess | undefined;
let worker: { stop(): Promise<void> } | undefined;
interface Replica {
  child: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}
const replicas: Replica[] = [];

/** `npm start`'s entry point as a process; resolves with its URL once it logs that it is ready. */
async function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'services/api/src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise((ok) => child.once('exit', ok));
  const found = await until(() => /"console":"(http[^"]+?)\/?"/.exec(out)?.[1] ?? (child.exitCode !== null ? 'exited' : null), (u) => u !== null, 120_000);
  if (found === 'exited') throw new Error(`replica exited at start-up:\n${out}`);
  return { child, url: found!, exited };
}
const consoles: AcceptingAgent[] = [];
let connection: Connection | undefined;
afterAll(async () => {
  for (const c of consoles) c.close();
  for (const r of replicas) {
    if (r.child.exitCode !== null || r.child.signalCode !== null) continue;
    r.child.kill('SIGTERM');
    await r.exited;
  }
  await worker?.stop();
  await connection?.close();
  await temporalServer?.stop();
  await redis?.stop();
  await appDb?.destroy();
  await db?.drop();
});

/** A GraphQL client on one replica (users are created straight in the shared database). */
function clientOf(url: string): TestApi {
  const t = { api: { url, services: { db: appDb! } } as unknown as RunningSystem } as TestApi;
  attachGraphQLClient(t, `replica-${new URL(url).port}.test`);
  return t;
}

it.skipIf(!!externalAddress)('fans offers out across replicas and survives losing one', { timeout: 240_000 }, async () => {
  db = await createTestDatabase(inject('postgresUrl'));
  redis = await startPrivateRedis(await freePort());
  temporalServer = await spawnTemporalDev({ port: await freePort(), databaseUrl: db.url });
  const shared = {
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: 'replicas-fault',
    TEMPORAL_ADDRESS: temporalServer.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    JWT_SECRET: jwtSecret,
  };
  const replicaEnv = { ...shared, NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', RUN_WORKER: 'false', SERVE_WEB: 'false', ROUTING_MAX_MISSED_OFFERS: '0' };
  // One at a time: the first migrates the database.
  replicas.push(await startReplica(replicaEnv));
  replicas.push(await startReplica(replicaEnv));
  const [a, b] = replicas as [Replica, Replica];
  appDb = createDb(db.url, { max: 3 });
  worker = await startWorkerSystem({
    api: parseApiEnv({ ...replicaEnv, LOG_LEVEL: 'silent' }),
    temporal: parseTemporalEnv({ TEMPORAL_ADDRESS: temporalServer.address, TEMPORAL_TASK_QUEUE: taskQueue }),
    databaseUrl: db.url,
  });
  connection = await Connection.connect({ address: temporalServer.address });
  const temporal = new Client({ connection });

  const onA = clientOf(a.url);
  const onB = clientOf(b.url);
  const sup = (await onA.signIn('supervisor')).token;
  const queueId = await createQueue(onA, sup, { name: 'Phones', channels: ['VOICE'], offerTimeoutSeconds: 5 });
  const agent = await createAgent(onB, sup, { queueIds: [queueId], capacity: { voice: 50 } });
  const console = await acceptOffers(b.url, agent);
  consoles.push(console);

  // Enqueued through A, offered by the worker, seen and accepted on B.
  const first = await Promise.all(Array.from({ length: 10 }, async () => enqueue(onA, sup, { customerId: await newCustomer(onA, sup), queueId, channel: 'VOICE' })));
  await until(() => console.accepted.size, (n) => n === first.length, 60_000);

  // A dies with requests in flight; whatever it had committed must still be routed.
  const inFlight = Array.from({ length: 10 }, async () => enqueue(onA, sup, { customerId: await newCustomer(onA, sup), queueId, channel: 'VOICE' })).map((p) => p.catch(() => null));
  a.child.kill('SIGKILL');
  await Promise.all(inFlight);
  await Promise.all(Array.from({ length: 10 }, async () => enqueue(onB, sup, { customerId: await newCustomer(onB, sup), queueId, channel: 'VOICE' })));

  const all = async () => (await appDb!.selectFrom('interactions').select('id').execute()).map((r) => r.id);
  await until(async () => (await all()).filter((id) => !console.accepted.has(id)).length, (n) => n === 0, 90_000);
  const ids = await all();
  expect(ids.length).toBeGreaterThanOrEqual(20);
  const report = await lossReport(appDb, temporal, ids);
  expect(report).toMatchObject({ lost: [], stranded: [], doubleAccepted: [], duplicateOutbound: 0 });
  expect(report.byStatus).toEqual({ assigned: ids.length });
});
