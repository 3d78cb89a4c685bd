import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { parseApiEnv } from '@cc/api/env';
import { startSystem } from '@cc/api/system';
import { freePort } from '@cc/db/embedded';
import { countWorkflowStarts } from '@cc/db/repositories/workflow-starts';
import { parseTemporalEnv } from '@cc/workflows/env';
import { afterAll, expect, inject, it } from 'vitest';
import { attachGraphQLClient, type TestApi } from '../support/api';
import { acceptOffers, lossReport, type AcceptingAgent } from '../support/faults';
import { createTestDatabase } from '../support/postgres';
import { createAgent, createQueue, enqueue, newCustomer, setPresence } from '../support/routing-fixtures';
import { externalAddress } from '../support/temporal/harness';
import { spawnTemporalDev, type DevServerProcess } from '../support/temporal/dev-process';
import { until } from '../support/until';

/**
 * The process dies between committing arrivals and starting their workflows (its outbox relay is
 * stopped first, so nothing reaches Temporal): the interactions and their first offers are
 * committed, their workflows absent. A new process on the same database relays the owed starts;
 * every interaction is then routed and assigned — none lost or stranded, the outbox empty.
 */
const N = 10;
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
attachGraphQLClient(t, 'outbox-fault.test');

const start = () =>
  startSystem({
    api: parseApiEnv({ NODE_ENV: 'test', PORT: '0', JWT_SECRET: 'x'.repeat(40), SERVE_WEB: 'false', RUN_WORKER: 'true', ROUTING_MAX_MISSED_OFFERS: '0' }),
    temporal: parseTemporalEnv({ TEMPORAL_ADDRESS: server!.address, TEMPORAL_TASK_QUEUE: 'outbox-fault' }),
    databaseUrl: db!.url,
  });

it.skipIf(!!externalAddress)('starts every owed workflow after the process that committed them died', { timeout: 180_000 }, async () => {
  db = await createTestDatabase(inject('postgresUrl'));
  server = await spawnTemporalDev({ port: await freePort(), databaseUrl: db.url });
  t.api = await start();
  connection = await Connection.connect({ address: server.address });
  const temporal = new Client({ connection });

  const sup = (await t.signIn('supervisor')).token;
  const queueId = await createQueue(t, sup, { name: 'Chats', channels: ['WHATSAPP'], offerTimeoutSeconds: 60 });
  // Half are offered on arrival to the first agent; the rest wait for the second, away for now.
  const first = await createAgent(t, sup, { queueIds: [queueId], capacity: { whatsapp: N / 2 } });
  const second = await createAgent(t, sup, { queueIds: [queueId], capacity: { whatsapp: N / 2 }, available: false });

  // The relay stops: from here on, commits leave their starts in the outbox.
  await t.api.services.routing.deps.relay.stop();
  const customers = await Promise.all(Array.from({ length: N }, () => newCustomer(t, sup)));
  // One after another, so exactly the first agent's slots are offered on arrival.
  const gids: string[] = [];
  for (const customerId of customers) gids.push(await enqueue(t, sup, { customerId, queueId, channel: 'WHATSAPP' }));
  const ids = gids.map((gid) => Buffer.from(gid, 'base64').toString().split(':')[1]!);
  expect(await countWorkflowStarts(t.api.services.db)).toBe(N);
  for (const id of ids) await expect(temporal.workflow.getHandle(id).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  const offered = await t.api.services.db.selectFrom('interactions').select('id').where('id', 'in', ids).where('status', '=', 'offered').execute();
  expect(offered).toHaveLength(N / 2);

  // The process goes away with the starts owed; another takes over the same database.
  await t.api.stop();
  t.api = await start();
  await until(() => countWorkflowStarts(t.api.services.db), (n) => n === 0, 60_000);
  for (const id of ids) expect((await temporal.workflow.getHandle(id).describe()).status.name).toBe('RUNNING');

  consoles.push(await acceptOffers(t.api.url, first), await acceptOffers(t.api.url, second));
  await setPresence(t.gql, second.token, 'AVAILABLE');
  const accepted = () => consoles.reduce((n, c) => n + c.accepted.size, 0);
  await until(accepted, (n) => n === N, 60_000);
  const report = await lossReport(t.api.services.db, temporal, ids);
  expect(report).toMatchObject({ lost: [], stranded: [], doubleAccepted: [] });
  expect(report.byStatus).toEqual({ assigned: N });
});
