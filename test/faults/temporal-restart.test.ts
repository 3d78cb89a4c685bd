import { Client, Connection } from '@temporalio/client';
import { parseApiEnv } from '@cc/api/env';
import { startSystem } from '@cc/api/system';
import { freePort } from '@cc/db/embedded';
import { parseTemporalEnv } from '@cc/workflows/env';
import { afterAll, expect, inject, it } from 'vitest';
import { attachGraphQLClient, type TestApi } from '../support/api';
import { callsInFlight, lossReport, readiness, type AcceptingAgent } from '../support/faults';
import { createTestDatabase } from '../support/postgres';
import { externalAddress } from '../support/temporal/harness';
import { spawnTemporalDev, type DevServerProcess } from '../support/temporal/dev-process';
import { until } from '../support/until';

/**
 * The Temporal server (temporal-dev as its own process, on PostgreSQL) is killed with SIGKILL while
 * interactions are being offered and accepted, and started again on the same port and database:
 * the API's client and worker reconnect, /ready says Temporal is down meanwhile, and every
 * interaction ends up assigned — none lost, doubled or stranded.
 */
const N = 40;
const t = {} as TestApi;
const consoles: AcceptingAgent[] = [];
let server: DevServerProcess | undefined;
let db: { url: string; drop: () => Promise<void> } | undefined;
let connection: Connection | undefined;
afterAll(async () => {
  for (const c of consoles) c.close();
  await connection?.close();
  await t.api?.stop();
  await server?.stop();
  await db?.drop();
});
attachGraphQLClient(t, 'temporal-fault.test');

it.skipIf(!!externalAddress)('restarts the Temporal server mid-flow without losing an interaction', { timeout: 180_000 }, async () => {
  db = await createTestDatabase(inject('postgresUrl'));
  const port = await freePort();
  server = await spawnTemporalDev({ port, databaseUrl: db.url });
  t.api = await startSystem({
    api: parseApiEnv({ NODE_ENV: 'test', PORT: '0', JWT_SECRET: 'x'.repeat(40), SERVE_WEB: 'false', RUN_WORKER: 'true', ROUTING_MAX_MISSED_OFFERS: '0' }),
    temporal: parseTemporalEnv({ TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: 'temporal-fault' }),
    databaseUrl: db.url,
  });
  connection = await Connection.connect({ address: server.address });
  const temporal = new Client({ connection });

  const sup = (await t.signIn('supervisor')).token;
  const flow = await callsInFlight(t, sup, { agents: 2, contacts: N });
  consoles.push(...flow.consoles);
  const { accepted, ids } = flow;

  // Mid-flow: some taken, the rest still being offered.
  await until(accepted, (n) => n >= 5, 60_000);
  await server.kill9();
  expect(await readiness(t.api.url, (r) => r.status === 503)).toMatchObject({ body: { database: 'up', temporal: 'down' } });
  server = await spawnTemporalDev({ port, databaseUrl: db.url });
  await readiness(t.api.url, (r) => r.status === 200, 60_000);

  await until(accepted, (n) => n === N, 120_000);
  const report = await lossReport(t.api.services.db, temporal, ids);
  expect(report).toMatchObject({ lost: [], stranded: [], doubleAccepted: [], duplicateOutbound: 0 });
  expect(report.byStatus).toEqual({ assigned: N });
});
