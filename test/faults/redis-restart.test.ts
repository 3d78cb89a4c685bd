import { Client, Connection } from '@temporalio/client';
import { freePort } from '@cc/db/embedded';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { acceptOffers, lossReport, readiness, startPrivateRedis, type AcceptingAgent, type PrivateRedis } from '../support/faults';
import { createAgent, createQueue, enqueue, newCustomer, type Agent } from '../support/routing-fixtures';
import { until } from '../support/until';

/**
 * Redis (a private redis-server, never the system one) is killed mid-flow and started again: the
 * API keeps serving, offers still reach the agent (in-process while Redis is away, through Redis
 * again once it is back), and nothing is lost or doubled. A publish that fails must not reject
 * unhandled: vitest fails the file if one does.
 */
const env: Record<string, string> = {};
let redis: PrivateRedis | undefined;
// Before the stack starts (hooks run in order): it reads `env` then.
beforeAll(async () => {
  redis = await startPrivateRedis(await freePort());
  Object.assign(env, { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'redis-fault' });
});
const t = useTestApi({ worker: true, env });
let agent: Agent;
let sup: string;
let queueId: string;
let temporal: Client;
let connection: Connection;

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
  queueId = await createQueue(t, sup, { name: 'Phones', channels: ['VOICE'] });
  agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { voice: 50 } });
  connection = await Connection.connect({ address: t.api.temporalAddress });
  temporal = new Client({ connection });
}, 60_000);
afterAll(async () => {
  await connection?.close();
  await redis?.stop();
});

it('keeps routing through a Redis outage and resumes fan-out when it returns', { timeout: 120_000 }, async () => {
  expect((await readiness(t.api.url, (r) => r.body.redis === 'up')).status).toBe(200);
  const console: AcceptingAgent = await acceptOffers(t.api.url, agent);
  const ids: string[] = [];
  const wave = async (n: number) => {
    const batch = await Promise.all(Array.from({ length: n }, async () => enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'VOICE' })));
    ids.push(...batch.map((gid) => Buffer.from(gid, 'base64').toString().split(':')[1]!));
    return batch;
  };
  const allAccepted = () => until(() => ids.filter((id) => console.accepted.has(id)).length, (n) => n === ids.length, 60_000);

  await wave(10);
  // Mid-flow: the next wave is being enqueued and offered as Redis dies.
  const during = wave(10);
  await redis!.stop();
  await during;
  // Readiness says so, but the replica stays in rotation: Redis is not required.
  expect(await readiness(t.api.url, (r) => r.body.redis === 'down')).toMatchObject({ status: 200, body: { database: 'up', temporal: 'up' } });
  await wave(10);
  await allAccepted();

  await redis!.start();
  await readiness(t.api.url, (r) => r.body.redis === 'up');
  await wave(10);
  await allAccepted();
  console.close();

  const report = await lossReport(t.api.services.db, temporal, ids);
  expect(report).toMatchObject({ lost: [], stranded: [], doubleAccepted: [], duplicateOutbound: 0 });
  expect(report.byStatus).toEqual({ assigned: ids.length });
});
