/**
 * Interaction list benchmark (issue 16): `interactions(first: 50)` with each contact's customer
 * (name, identities), queue and last 3 messages, over HTTP from an API key at a steady rate,
 * p50/p99. Beside it, in the same run, the floor: the same three statements run directly through
 * Kysely (the page with customer, queue and agent joined; identities; last messages), no GraphQL,
 * no HTTP. Also the statements each request ran, authentication included. Prints one JSON line.
 *
 *   npx tsx test/bench/interactions-list.ts [--rate 200] [--seconds 10] [--interactions 50]
 *   BENCH_CPU_PROFILE=<file>: a CPU profile of the first half of the GraphQL requests.
 */
import { loadavg } from 'node:os';
import { performance as perf } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseApiEnv } from '@cc/api/env';
import { startSystem } from '@cc/api/system';
import { listIdentities } from '@cc/db/repositories/customers';
import { listInteractionsWithParties } from '@cc/db/repositories/interaction-list';
import { lastMessagesOfInteractions } from '@cc/db/repositories/messages';
import { createUser } from '@cc/db/repositories/users';
import { parseTemporalEnv } from '@cc/workflows/env';
import { seedInteractionList } from '../support/interaction-list-fixtures';
import { createTestDatabase, startTestPostgres } from '../support/postgres';
import { startProfile } from './in-process-profile';
import { atRate, percentile, round } from './stats';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    interactions: { type: 'string', default: '50' },
  },
});
const rate = Number(values.rate);
const count = rate * Number(values.seconds);

const pg = await startTestPostgres();
const database = await createTestDatabase(pg.url);
let statements = 0;
const system = await startSystem({
  api: parseApiEnv({ NODE_ENV: 'test', PORT: '0', JWT_SECRET: 'b'.repeat(40), SERVE_WEB: 'false', RUN_WORKER: 'false', LOG_LEVEL: 'warn' }),
  temporal: parseTemporalEnv({ TEMPORAL_DEV_PORT: '0' }),
  databaseUrl: database.url,
  temporalStore: 'memory',
  databaseLog: (e) => void (e.level === 'query' && statements++),
});
const { db, tokens } = system.services;

const admin = await createUser(db, { email: 'admin@bench.local', name: 'Admin', role: 'admin', passwordHash: 'x' });
const adminToken = await tokens.sign({ userId: admin.id, version: admin.token_version });
const seeded = await seedInteractionList(db, { count: Number(values.interactions), messages: 5, tag: 'bench' });

async function gql<T>(query: string, variables: Record<string, unknown>, auth: string): Promise<T> {
  const res = await fetch(`${system.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${auth}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`request failed: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

const key = await gql<{ createApiKey: { token: string } }>(
  'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeyPayload { token } } }',
  { input: { name: 'bench', scopes: ['INTERACTIONS_READ', 'CUSTOMERS_READ', 'QUEUES_READ'] } },
  adminToken,
);
const apiKey = key.createApiKey.token;

const listQuery = `query($q: ID!) {
  interactions(first: 50, filter: { queueId: $q }) {
    edges { node {
      id status
      customer { id displayName identities { kind value } }
      queue { name }
      lastMessages(count: 3) { body at }
    } }
  }
}`;
const variables = { q: Buffer.from(`Queue:${seeded.queueId}`).toString('base64') };

async function viaSystem(): Promise<number> {
  const t0 = performance.now();
  const data = await gql<{ interactions: { edges: unknown[] } }>(listQuery, variables, apiKey);
  if (data.interactions.edges.length !== seeded.interactions.length) throw new Error('short page');
  return performance.now() - t0;
}

async function floor(): Promise<number> {
  const t0 = performance.now();
  const page = await listInteractionsWithParties(db, { queueId: seeded.queueId }, { order: 'newest_first', limit: 50, offset: 0 });
  const ids = page.map((i) => i.id);
  await Promise.all([listIdentities(db, page.map((i) => i.customer_id)), lastMessagesOfInteractions(db, ids, 3)]);
  return performance.now() - t0;
}

/** This process's CPU (all threads) and main-thread busy time per call of each path, in ms: steadier than latency on a shared machine. */
const cpuMs = { system: 0, floor: 0 };
const loopMs = { system: 0, floor: 0 };
async function measure(fn: () => Promise<number>, n: number, cpu?: keyof typeof cpuMs): Promise<number[]> {
  const samples: number[] = [];
  const before = process.cpuUsage();
  const elu0 = perf.eventLoopUtilization();
  await atRate(n, rate, async () => void samples.push(await fn()));
  const used = process.cpuUsage(before);
  const elu = perf.eventLoopUtilization(elu0);
  if (cpu) {
    cpuMs[cpu] += (used.user + used.system) / 1000;
    loopMs[cpu] += elu.active;
  }
  return samples;
}

// Warm both paths, then alternate so both see the same machine.
await measure(viaSystem, Math.min(100, count));
await measure(floor, Math.min(100, count));
const half = Math.ceil(count / 2);
const before = statements;
// BENCH_CPU_PROFILE=<file>: a CPU profile (.cpuprofile) of this process during the first system phase only.
const profiling = process.env.BENCH_CPU_PROFILE ? await startProfile() : null;
const system1 = await measure(viaSystem, half, 'system');
await profiling?.(process.env.BENCH_CPU_PROFILE!);
const perRequest = (statements - before) / half;
const floor1 = await measure(floor, half, 'floor');
const system2 = await measure(viaSystem, count - half, 'system');
const floor2 = await measure(floor, count - half, 'floor');
const sys = [...system1, ...system2];
const flo = [...floor1, ...floor2];

console.log(
  JSON.stringify({
    bench: 'interactions-list',
    rate_per_s: rate,
    interactions_per_page: seeded.interactions.length,
    samples: sys.length,
    principal: 'api_key',
    p50_ms: round(percentile(sys, 50)),
    p99_ms: round(percentile(sys, 99)),
    max_ms: round(Math.max(...sys)),
    floor_p50_ms: round(percentile(flo, 50)),
    floor_p99_ms: round(percentile(flo, 99)),
    p99_over_floor_p99: round(percentile(sys, 99) / percentile(flo, 99), 2),
    // The process holds the server and the client (HTTP, JSON); PostgreSQL's own CPU is apart.
    cpu_ms_per_request: round(cpuMs.system / sys.length, 2),
    floor_cpu_ms_per_request: round(cpuMs.floor / flo.length, 2),
    loop_ms_per_request: round(loopMs.system / sys.length, 2),
    floor_loop_ms_per_request: round(loopMs.floor / flo.length, 2),
    // Everything the request ran, the key's lookup and last-use update included (the answer itself takes 3).
    statements_per_request: round(perRequest, 2),
    load_average_1m: round(loadavg()[0]!, 2),
  }),
);

await system.stop();
await database.drop();
await pg.stop();
process.exit(0);
