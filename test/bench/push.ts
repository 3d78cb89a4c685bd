/**
 * Push benchmark: the `push` mutation (over HTTP, as the console sends it) → the Twilio Messages
 * request arriving on the wire at a local stand-in for api.twilio.com, p50/p99 at a steady rate.
 * Beside it, in the same run and to the same local server: a raw `twilio.messages.create` (the
 * SDK alone, no policy, no database, no workflow), and the floor any durable push pays here (a
 * signed-in GraphQL request, one committed write, the raw send). Prints one JSON line.
 *
 *   npx tsx test/bench/push.ts [--rate 20] [--seconds 10] [--temporal-store postgres|memory] [--worker in-process|apart]
 *
 * `--worker apart` runs the API as with RUN_WORKER=false (workers in their own processes; here none
 * runs, so the push workflows wait): the API's own path, without the worker competing for its event loop.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { parseApiEnv } from '@cc/api/env';
import { startSystem } from '@cc/api/system';
import { parseTwilioEnv } from '@cc/channels/env';
import { createTwilioClient } from '@cc/channels/twilio/client';
import { createAgent } from '@cc/db/repositories/agents';
import { recordConsent } from '@cc/db/repositories/consents';
import { recordInbound } from '@cc/db/repositories/customer-channel-state';
import { createQueue } from '@cc/db/repositories/queues';
import { createUser } from '@cc/db/repositories/users';
import { parseTemporalEnv } from '@cc/workflows/env';
import { createTestDatabase, startTestPostgres } from '../support/postgres';
import { atRate, percentile, round } from './stats';
import { startTwilioWire } from './twilio-wire';

const { values } = parseArgs({ options: { worker: { type: 'string', default: 'in-process' }, rate: { type: 'string', default: '20' }, seconds: { type: 'string', default: '10' }, 'temporal-store': { type: 'string', default: 'postgres' } } });
const rate = Number(values.rate);
const count = rate * Number(values.seconds);

// The stand-in for api.twilio.com: notes when each request arrives (by the marker in its Body) and
// wakes whoever waits for it (no polling loop: it would compete with the API on the same event loop).
const arrivals = new Map<string, number>();
const waiters = new Map<string, () => void>();
const accountSid = `AC${'a1'.repeat(16)}`;
const wire = await startTwilioWire({
  accountSid,
  onCreate: (form) => {
    const marker = /bench-\w+-\d+/.exec(form.get('Body') ?? '')?.[0];
    if (marker) {
      arrivals.set(marker, performance.now());
      waiters.get(marker)?.();
      waiters.delete(marker);
    }
  },
});

const config = parseTwilioEnv({ TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: 'bench-auth-token-0123456789', TWILIO_WHATSAPP_FROM: '+34910000000', TWILIO_VOICE_NUMBERS: '+34910000001' })!;
const pg = await startTestPostgres();
const database = await createTestDatabase(pg.url);
const system = await startSystem({
  api: parseApiEnv({ NODE_ENV: 'test', PORT: '0', JWT_SECRET: 'p'.repeat(40), SERVE_WEB: 'false', RUN_WORKER: values.worker === 'apart' ? 'false' : 'true', PUSH_MIN_SPACING_SECONDS: '0', PUSH_SENDER_RATE_PER_SECOND: '100000', ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}) }),
  temporal: parseTemporalEnv({ TEMPORAL_DEV_PORT: '0', ...(process.env.TEMPORAL_ADDRESS ? { TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS } : {}) }),
  databaseUrl: database.url,
  temporalStore: values['temporal-store'] === 'memory' ? 'memory' : 'postgres',
  twilio: { config, httpClient: wire.requestClient() },
});
const { db, tokens } = system.services;
const now = () => new Date();

// One agent holding one call whose caller consented and wrote on WhatsApp a minute ago (free-form).
const queue = await createQueue(db, { name: 'Phones', channels: ['voice'] });
const user = await createUser(db, { email: 'agent@bench.local', name: 'Agent', role: 'agent', passwordHash: 'x' });
await createAgent(db, { userId: user.id, skills: {}, capacity: { voice: 1 }, queueIds: [queue.id] }, now());
const token = await tokens.sign({ userId: user.id, version: user.token_version });
const customer = (await db.insertInto('customers').values({ display_name: 'Caller' }).returning('id').executeTakeFirstOrThrow()).id;
const interaction = await db
  .insertInto('interactions')
  .values({ channel: 'voice', customer_id: customer, queue_id: queue.id, priority: 0, status: 'assigned', assigned_agent_id: user.id, context: JSON.stringify({ callSid: `CA${'0'.repeat(32)}`, from: '+34699000111' }), enqueued_at: now(), assigned_at: now() })
  .returning('id')
  .executeTakeFirstOrThrow();
await recordConsent(db, { customerId: customer, channel: 'whatsapp', purpose: 'service', granted: true, source: 'agent_verbal', evidence: { wording: 'bench' }, recordedByUserId: user.id, messageId: null, interactionId: interaction.id }, now());
await recordInbound(db, customer, 'whatsapp', new Date(Date.now() - 60_000));
const interactionGid = Buffer.from(`Interaction:${interaction.id}`).toString('base64');
const mutation = `mutation($input: PushInput!) { push(input: $input) { __typename ... on Error { message } } }`;

async function waitArrival(marker: string, from: number, timeoutMs = 10_000): Promise<number> {
  if (!arrivals.has(marker)) {
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no Twilio request for ${marker}`)), timeoutMs);
      waiters.set(marker, () => {
        clearTimeout(timer);
        ok();
      });
    });
  }
  return arrivals.get(marker)! - from;
}

let n = 0;
async function viaPush(): Promise<number> {
  const marker = `bench-push-${++n}`;
  const t0 = performance.now();
  const res = await fetch(`${system.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: mutation, variables: { input: { interactionId: interactionGid, kind: 'LOCATION', location: { latitude: 40.4168, longitude: -3.7038, name: marker } } } }),
  });
  const body = (await res.json()) as { data?: { push: { __typename: string; message?: string } } };
  if (body.data?.push.__typename !== 'PushPayload') throw new Error(`push refused: ${JSON.stringify(body)}`);
  return waitArrival(marker, t0);
}

const raw = createTwilioClient(config, wire.requestClient());
async function viaRawSdk(): Promise<number> {
  const marker = `bench-raw-${++n}`;
  const t0 = performance.now();
  await raw.messages.create({ from: 'whatsapp:+34910000000', to: 'whatsapp:+34699000111', body: marker, persistentAction: ['geo:40.4168,-3.7038|x'], statusCallback: `${system.url}/webhooks/twilio/whatsapp/status` });
  return waitArrival(marker, t0);
}

// The floor: what any durable, authenticated push must pay in this process — a signed-in GraphQL
// request over HTTP, one committed write (the send is claimed before it leaves), then the raw send.
await sql`CREATE TABLE bench_floor (id serial PRIMARY KEY, marker text NOT NULL)`.execute(db);
async function viaFloor(): Promise<number> {
  const marker = `bench-floor-${++n}`;
  const t0 = performance.now();
  const res = await fetch(`${system.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  await res.arrayBuffer();
  await sql`INSERT INTO bench_floor (marker) VALUES (${marker})`.execute(db);
  await raw.messages.create({ from: 'whatsapp:+34910000000', to: 'whatsapp:+34699000111', body: marker, statusCallback: `${system.url}/webhooks/twilio/whatsapp/status` });
  return waitArrival(marker, t0);
}

async function measure(fn: () => Promise<number>, k: number): Promise<number[]> {
  const samples: number[] = [];
  await atRate(k, rate, async () => void samples.push(await fn()));
  return samples;
}

// Warm every path (JIT, pools, workflow bundle), then alternate so all see the same machine.
await measure(viaPush, Math.min(40, count));
await measure(viaRawSdk, Math.min(40, count));
await measure(viaFloor, Math.min(40, count));
const half = Math.ceil(count / 2);
const pushed: number[] = [];
const rawSamples: number[] = [];
const floorSamples: number[] = [];
for (const k of [half, count - half]) {
  pushed.push(...(await measure(viaPush, k)));
  rawSamples.push(...(await measure(viaRawSdk, k)));
  floorSamples.push(...(await measure(viaFloor, k)));
}

console.log(
  JSON.stringify({
    bench: 'push',
    rate_per_s: rate,
    samples: pushed.length,
    temporal: system.temporalMode === 'external' ? 'external' : `embedded/${values['temporal-store']}`,
    limiter: process.env.REDIS_URL ? 'redis' : 'in-process',
    worker: values.worker,
    p50_ms: round(percentile(pushed, 50)),
    p99_ms: round(percentile(pushed, 99)),
    max_ms: round(Math.max(...pushed)),
    raw_sdk_p50_ms: round(percentile(rawSamples, 50)),
    raw_sdk_p99_ms: round(percentile(rawSamples, 99)),
    p99_over_raw_p99: round(percentile(pushed, 99) / percentile(rawSamples, 99), 2),
    floor_p50_ms: round(percentile(floorSamples, 50)),
    floor_p99_ms: round(percentile(floorSamples, 99)),
    p99_over_floor_p99: round(percentile(pushed, 99) / percentile(floorSamples, 99), 2),
    target: 'p99 <= 1.25x the durable floor',
    load_average_1m: round((await import('node:os')).loadavg()[0]!, 2),
  }),
);

await system.stop();
await wire.close();
await database.drop();
await pg.stop();
process.exit(0);
