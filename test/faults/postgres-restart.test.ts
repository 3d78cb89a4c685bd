import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { parseApiEnv } from '@cc/api/env';
import { startSystem } from '@cc/api/system';
import { ensureDatabase } from '@cc/db/database';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from '@cc/db/embedded';
import { parseTemporalEnv } from '@cc/workflows/env';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { attachGraphQLClient, type TestApi } from '../support/api';
import { callsInFlight, lossReport, readiness, type AcceptingAgent } from '../support/faults';
import { enqueue, newCustomer } from '../support/routing-fixtures';
import { externalAddress } from '../support/temporal/harness';
import { until } from '../support/until';

/**
 * A throwaway embedded PostgreSQL (never the system one) holds the application's data and the
 * embedded Temporal server's state. It is stopped and started again on the same port while 100
 * interactions are being offered and accepted: the pool and temporal-dev's store reconnect (the
 * store re-takes its lock), /ready says 503 meanwhile, and every interaction ends up assigned,
 * none lost, doubled or stranded.
 */
const N = 100;
const dir = mkdtempSync(join(tmpdir(), 'cc-fault-pg-'));
chmodSync(dir, 0o755); // the server may run as the `postgres` OS user
let pg: RunningPostgres | undefined;
const t = {} as TestApi;
const consoles: AcceptingAgent[] = [];
let connection: Connection | undefined;
afterAll(async () => {
  for (const c of consoles) c.close();
  await connection?.close();
  await t.api?.stop();
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});
attachGraphQLClient(t, 'pg-fault.test');

// temporal-dev only (skipped under TEMPORAL_ADDRESS): it restarts the database holding the embedded
// server's store and checks that store's lock; a real Temporal server keeps its own state.
it.skipIf(!!externalAddress)('restarts PostgreSQL under 100 interactions in flight without losing one', { timeout: 180_000 }, async () => {
  const port = await freePort();
  const startPg = () => startEmbeddedPostgres(join(dir, 'data'), () => {}, { passwordFile: join(dir, 'pg-password'), port });
  pg = await startPg();
  const databaseUrl = await ensureDatabase(pg.url, 'contact_center');
  let fatal: Error | undefined;
  t.api = await startSystem({
    api: parseApiEnv({ NODE_ENV: 'test', PORT: '0', JWT_SECRET: 'x'.repeat(40), SERVE_WEB: 'false', RUN_WORKER: 'true', ROUTING_MAX_MISSED_OFFERS: '0' }),
    temporal: parseTemporalEnv({ TEMPORAL_DEV_PORT: '0', TEMPORAL_TASK_QUEUE: 'pg-fault' }),
    databaseUrl,
    temporalStore: 'postgres',
    onFatal: (e) => (fatal = e),
  });
  connection = await Connection.connect({ address: t.api.temporalAddress });
  const temporal = new Client({ connection });

  const sup = (await t.signIn('supervisor')).token;
  const flow = await callsInFlight(t, sup, { agents: 3, contacts: N });
  consoles.push(...flow.consoles);
  const { accepted, ids, queueId } = flow;

  // Mid-flow: some taken, most still being offered.
  await until(accepted, (n) => n >= 10, 60_000);
  await pg.stop();
  expect(await readiness(t.api.url, (r) => r.status === 503)).toMatchObject({ body: { database: 'down' } });
  pg = await startPg();
  expect(await readiness(t.api.url, (r) => r.status === 200, 60_000)).toMatchObject({ body: { database: 'up', temporal: 'up' } });

  await until(accepted, (n) => n === N, 120_000);
  expect(fatal).toBeUndefined();
  // temporal-dev's store took its lock again on the new server.
  const locks = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`.execute(t.api.services.db);
  expect(locks.rows[0]!.n).toBe(1);
  const report = await lossReport(t.api.services.db, temporal, ids);
  expect(report).toMatchObject({ lost: [], stranded: [], doubleAccepted: [], duplicateOutbound: 0 });
  expect(report.byStatus).toEqual({ assigned: N });
  // Routing works after it, too: a new contact is offered and taken.
  const after = await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'VOICE' });
  await until(accepted, (n) => n === N + 1, 30_000);
  expect(consoles.some((c) => c.accepted.has(Buffer.from(after, 'base64').toString().split(':')[1]!))).toBe(true);
});
