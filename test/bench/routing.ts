/**
 * Routing benchmark: an inbound contact (the `enqueueInteraction` mutation over HTTP) → the offer
 * delivered on the chosen agent's live subscription (SSE), p50/p99 at a steady rate with many
 * agents online. Beside it, in the same run, the floor: the bare statements the same flow needs
 * (create the interaction, match + offer, publish) driven directly, delivered over the same SSE.
 * Prints one JSON line.
 *
 * Also CPU seconds per 1,000 interactions of the system path, per process: the API (this process,
 * so it includes the bench's own client, and the worker unless --worker-process), the worker (with
 * --worker-process: `npm run worker`'s entry point as a child) and the Temporal server (with
 * --temporal-process: temporal-dev as a child; otherwise inside the API's figure), PostgreSQL and
 * Redis when they run on this host, and `all`, their sum.
 *
 *   npx tsx test/bench/routing.ts [--rate 50] [--seconds 10] [--agents 200] [--temporal-store postgres|memory]
 *                                 [--worker-process] [--temporal-process]
 */
import type { ChildProcess } from 'node:child_process';
import { performance as perf } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseApiEnv } from '@cc/api/env';
import { startSystem } from '@cc/api/system';
import { createAgent } from '@cc/db/repositories/agents';
import { setPresence } from '@cc/db/repositories/presence';
import { createQueue } from '@cc/db/repositories/queues';
import { createUser } from '@cc/db/repositories/users';
import { parseTemporalEnv } from '@cc/workflows/env';
import { freePort } from '@cc/db/embedded';
import { subscribeSse, type SseSubscription } from '../support/graphql-sse';
import { spawnTemporalDev, type DevServerProcess } from '../support/temporal/dev-process';
import { createTestDatabase, startTestPostgres } from '../support/postgres';
import { cpuProfileArgs } from '../support/start-process';
import { cpuSecondsOf, cpuSecondsOfProgram, enqueueOverHttp, floorArrival, loadAverage1m, offerStopwatch, offersSubscription, spawnWorkerProcess, writeCallsOf, type OfferDelivered } from './routing-support';
import { startProfile } from './in-process-profile';
import { atRate, percentile, round } from './stats';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    agents: { type: 'string', default: '200' },
    'temporal-store': { type: 'string', default: 'postgres' },
    'worker-process': { type: 'boolean', default: false },
    'temporal-process': { type: 'boolean', default: false },
  },
});
const rate = Number(values.rate);
const count = rate * Number(values.seconds);
const agentCount = Number(values.agents);

const pg = await startTestPostgres();
const database = await createTestDatabase(pg.url);
const workerApart = values['worker-process'];
const redisUrl = process.env.REDIS_URL ?? (workerApart ? 'redis://127.0.0.1:6379' : undefined);
let temporalServer: DevServerProcess | undefined;
if (values['temporal-process'] && !process.env.TEMPORAL_ADDRESS) {
  // BENCH_TEMPORAL_PROFILE_DIR=<dir>: the server writes a CPU profile of its whole life there.
  temporalServer = await spawnTemporalDev(
    { port: await freePort(), databaseUrl: values['temporal-store'] === 'memory' ? undefined : database.url },
    undefined,
    cpuProfileArgs(process.env.BENCH_TEMPORAL_PROFILE_DIR),
  );
}
// Never outlive the bench, whatever ends it (an offer that never came throws).
process.once('exit', () => temporalServer?.child.kill('SIGKILL'));
const temporalAddress = process.env.TEMPORAL_ADDRESS ?? temporalServer?.address;
const system = await startSystem({
  api: parseApiEnv({ NODE_ENV: 'test', PORT: '0', JWT_SECRET: 'b'.repeat(40), SERVE_WEB: 'false', RUN_WORKER: workerApart ? 'false' : 'true', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }),
  temporal: parseTemporalEnv({ TEMPORAL_DEV_PORT: '0', ...(temporalAddress ? { TEMPORAL_ADDRESS: temporalAddress } : {}) }),
  databaseUrl: database.url,
  temporalStore: values['temporal-store'] === 'memory' ? 'memory' : 'postgres',
});
const worker: ChildProcess | undefined = workerApart
  ? await spawnWorkerProcess({ databaseUrl: database.url, temporalAddress: system.temporalAddress, redisUrl: redisUrl!, jwtSecret: 'b'.repeat(40) })
  : undefined;

const cpuNow = () => ({
  api: cpuSecondsOf(process.pid),
  worker: cpuSecondsOf(worker?.pid),
  temporal: cpuSecondsOf(temporalServer?.child.pid),
  // Every PostgreSQL process of this host (the server and its backends: the API's, the worker's and
  // temporal-dev's store), and Redis when the pub/sub goes through it.
  postgres: cpuSecondsOfProgram('postgres'),
  redis: redisUrl ? cpuSecondsOfProgram('redis-server') : undefined,
});
const cpuParts = ['api', 'worker', 'temporal', 'postgres', 'redis'] as const;
const cpuSpent = { api: 0, worker: 0, temporal: 0, postgres: 0, redis: 0 };
/** The parts whose processes this host runs (a remote database or Redis has no figure). */
const cpuSeen = new Set<(typeof cpuParts)[number]>();
/**
 * The API's main thread not waiting for I/O (event-loop utilisation), where every arrival's steps
 * queue: its own work, and on a saturated machine its waits for a core too.
 */
let loopBusyMs = 0;
/** The API process's write system calls (the bench's own HTTP client included, as in its CPU). */
let writeCalls = 0;
/** Runs `fn`, adding what it cost meanwhile: each process's CPU (`cpuSpent`), the API's main thread and write calls. */
async function countingCpu<T>(fn: () => Promise<T>): Promise<T> {
  const before = cpuNow();
  const loop = perf.eventLoopUtilization();
  const writesBefore = writeCallsOf(process.pid) ?? 0;
  const result = await fn();
  const after = cpuNow();
  loopBusyMs += perf.eventLoopUtilization(loop).active;
  writeCalls += (writeCallsOf(process.pid) ?? 0) - writesBefore;
  for (const k of cpuParts) {
    if (before[k] === undefined || after[k] === undefined) continue;
    cpuSpent[k] += after[k] - before[k];
    cpuSeen.add(k);
  }
  return result;
}
const { db, tokens } = system.services;
const now = () => new Date();

// 200 agents online with room to spare, so every contact is offered at once.
const queue = await createQueue(db, { name: 'Bench', channels: ['whatsapp'] });
const floorQueue = await createQueue(db, { name: 'Floor', channels: ['whatsapp'] });
const supervisor = await createUser(db, { email: 'sup@bench.local', name: 'Sup', role: 'supervisor', passwordHash: 'x' });
const supToken = await tokens.sign({ userId: supervisor.id, version: supervisor.token_version });
const customer = (await db.insertInto('customers').values({ display_name: 'Bench' }).returning('id').executeTakeFirstOrThrow()).id;
const offers = offerStopwatch();
const subs: SseSubscription<unknown>[] = [];
for (let i = 0; i < agentCount; i++) {
  const user = await createUser(db, { email: `a${i}@bench.local`, name: `Agent ${i}`, role: 'agent', passwordHash: 'x' });
  await createAgent(db, { userId: user.id, skills: {}, capacity: { whatsapp: 50 }, queueIds: [queue.id, floorQueue.id] }, now());
  await setPresence(db, { agentId: user.id, status: 'available', now: now() });
  const token = await tokens.sign({ userId: user.id, version: user.token_version });
  subs.push((await subscribeSse<OfferDelivered>(`${system.url}/graphql`, offersSubscription, {}, token, offers.onEvent)) as SseSubscription<unknown>);
}

/** Time until the mutation's HTTP response, beside the time until the offer arrives. */
const responded: number[] = [];

async function viaSystem(): Promise<number> {
  const t0 = performance.now();
  const id = await enqueueOverHttp(`${system.url}/graphql`, supToken, { customerId: customer, queueId: queue.id, channel: 'WHATSAPP' });
  responded.push(performance.now() - t0);
  return offers.wait(id, t0);
}

async function floor(): Promise<number> {
  const t0 = performance.now();
  const id = await floorArrival(db, { customerId: customer, queueId: floorQueue.id }, (agentId, event) => system.services.pubsub.publish('offers', agentId, event));
  return offers.wait(id, t0);
}

async function measure(fn: () => Promise<number>, n: number): Promise<number[]> {
  const samples: number[] = [];
  await atRate(n, rate, async () => void samples.push(await fn()));
  return samples;
}

// Warm both paths (JIT, pools, workflow bundle), then alternate so both see the same machine.
await measure(viaSystem, Math.min(50, count));
await measure(floor, Math.min(50, count));
const half = Math.ceil(count / 2);
// BENCH_CPU_PROFILE=<file>: a CPU profile (.cpuprofile) of this process during the first system phase only.
const profiling = process.env.BENCH_CPU_PROFILE ? await startProfile() : null;
const system1 = await countingCpu(() => measure(viaSystem, half));
await profiling?.(process.env.BENCH_CPU_PROFILE!);
const floor1 = await measure(floor, half);
const system2 = await countingCpu(() => measure(viaSystem, count - half));
const floor2 = await measure(floor, count - half);
const sys = [...system1, ...system2];
const flo = [...floor1, ...floor2];

const result = {
  bench: 'routing',
  rate_per_s: rate,
  agents_online: agentCount,
  samples: sys.length,
  temporal: process.env.TEMPORAL_ADDRESS ? 'external' : `embedded/${values['temporal-store']}${temporalServer ? '/process' : '/in-api'}`,
  worker: workerApart ? 'process' : 'in-api',
  pubsub: redisUrl ? 'redis' : 'in-process',
  p50_ms: round(percentile(sys, 50)),
  p99_ms: round(percentile(sys, 99)),
  max_ms: round(Math.max(...sys)),
  mutation_response_p50_ms: round(percentile(responded, 50)),
  mutation_response_p99_ms: round(percentile(responded, 99)),
  floor_p50_ms: round(percentile(flo, 50)),
  floor_p99_ms: round(percentile(flo, 99)),
  p99_over_floor_p99: round(percentile(sys, 99) / percentile(flo, 99), 2),
  // Per 1,000 interactions of the system path; null where that part runs inside the API process
  // (worker, temporal) or on another host (postgres, redis). `all` adds up those measured here: the
  // machine's cores divided by it bound the arrivals per second it can take.
  cpu_s_per_1000: {
    ...Object.fromEntries(cpuParts.map((k) => [k, cpuSeen.has(k) ? round((cpuSpent[k] * 1000) / sys.length, 2) : null])),
    all: round((cpuParts.reduce((sum, k) => sum + (cpuSeen.has(k) ? cpuSpent[k] : 0), 0) * 1000) / sys.length, 2),
  },
  // The API's main thread busy (or waiting for a core) per arrival: what an arrival's steps wait behind.
  api_main_thread_ms_per_arrival: round(loopBusyMs / sys.length, 2),
  api_write_calls_per_arrival: round(writeCalls / sys.length, 1),
  load_average_1m: await loadAverage1m(),
};
console.log(JSON.stringify(result));

subs.forEach((s) => s.close());
if (worker) {
  worker.kill('SIGTERM');
  await new Promise((r) => worker!.once('exit', r));
}
await system.stop();
await temporalServer?.stop();
await database.drop();
await pg.stop();
process.exit(0);
