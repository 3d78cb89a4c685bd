/**
 * Routing at rest under a backlog (issue 16): 10,000 waiting interactions, each with its running
 * workflow, and 1,000 agents connected by their `offers` subscription (SSE). The API runs as
 * `npm start` runs it — one process with the worker and the embedded Temporal server — so its
 * figures are the whole system's. Prints one JSON line:
 *   - idle: the system's CPU (% of one core, all its processes) over --idle-seconds while nothing
 *     arrives, and the API's RSS;
 *   - a new arrival's offer p50/p99 at --rate (the `enqueueInteraction` mutation → the offer on the
 *     agent's subscription) beside its floor in the same run (the bare statements of the same
 *     arrival from this process, then the offer published through Redis to the API, which
 *     delivers it on the same subscription);
 *   - the load average (the machine is shared: read every figure beside it).
 *
 * The backlog waits in an email queue no agent takes email in (agents hold WhatsApp only), so it
 * stays waiting; new arrivals are WhatsApp contacts for the same agents.
 *
 * With --split, as in production: the API (RUN_WORKER=false), `npm run worker` and the embedded
 * Temporal server each in their own process; idle CPU and RSS are given for each.
 *
 *   npx tsx test/bench/routing-idle.ts [--waiting 10000] [--agents 1000] [--idle-seconds 30] [--rate 50] [--seconds 6] [--split]
 *   Quick run: BENCH_WAITING=500 BENCH_AGENTS=50 npx tsx test/bench/routing-idle.ts
 *   BENCH_IDLE_PROFILE=<file>: a CPU profile (.cpuprofile) of the API during the idle window only,
 *   its memory breakdown (process.memoryUsage) in the JSON line, <file>.heapprofile: what holds
 *   the main heap at idle by allocating stack (sampled from start-up), and <file>.arrivals.cpuprofile
 *   during the first half of the system's arrivals, through the child's inspector.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createTokenService } from '@cc/api/auth/tokens';
import { createAppPubSub } from '@cc/api/pubsub';
import { oweWorkflowStart } from '@cc/api/routing/arrival';
import { createDb } from '@cc/db/database';
import { createAgent } from '@cc/db/repositories/agents';
import { setPresence } from '@cc/db/repositories/presence';
import { createQueue } from '@cc/db/repositories/queues';
import { createUser } from '@cc/db/repositories/users';
import { countWorkflowStarts } from '@cc/db/repositories/workflow-starts';
import { routingPlan } from '@cc/workflows/routing-plan';
import { subscribeSse, type SseSubscription } from '../support/graphql-sse';
import { createTestDatabase, startTestPostgres } from '../support/postgres';
import { startSystem } from '../support/start-process';
import { until } from '../support/until';
import { connectChildInspector, inspectorUrlIn } from './child-inspector';
import { freePort } from '@cc/db/embedded';
import { spawnTemporalDev } from '../support/temporal/dev-process';
import { cpuSecondsOf, enqueueOverHttp, floorArrival, loadAverage1m, offerStopwatch, offersSubscription, rssMbOf, spawnWorkerProcess, type OfferDelivered } from './routing-support';
import { atRate, percentile, round } from './stats';

const { values } = parseArgs({
  options: {
    waiting: { type: 'string', default: process.env.BENCH_WAITING ?? '10000' },
    agents: { type: 'string', default: process.env.BENCH_AGENTS ?? '1000' },
    'idle-seconds': { type: 'string', default: '30' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '6' },
    split: { type: 'boolean', default: false },
  },
});
const split = values.split;
const waitingCount = Number(values.waiting);
const agentCount = Number(values.agents);
const idleSeconds = Number(values['idle-seconds']);
const rate = Number(values.rate);
const arrivalCount = rate * Number(values.seconds);
const secret = 'b'.repeat(40);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Everything (seeding included) ends within this, whatever happens. */
const deadline = setTimeout(() => {
  console.error('routing-idle: over its time bound; stopping');
  process.exit(2);
}, 20 * 60_000);
const progress = (what: string) => console.error(`routing-idle: ${what}`);
/** Subscriptions the server ended (none should: a lost subscription is a lost offer). */
let subscriptionsEnded = 0;

const pg = await startTestPostgres();
const database = await createTestDatabase(pg.url);
const profileFile = process.env.BENCH_IDLE_PROFILE;
const temporal = split ? await spawnTemporalDev({ port: await freePort(), databaseUrl: database.url }) : undefined;
process.once('exit', () => temporal?.child.kill('SIGKILL'));
const api = await startSystem(
  {
    DATABASE_URL: database.url,
    PORT: '0',
    TEMPORAL_DEV_PORT: '0',
    JWT_SECRET: secret,
    SERVE_WEB: 'false',
    LOG_LEVEL: 'warn',
    REDIS_URL: redisUrl,
    ...(temporal ? { TEMPORAL_ADDRESS: temporal.address, RUN_WORKER: 'false' } : {}),
  },
  undefined,
  profileFile ? ['--inspect=127.0.0.1:0'] : [],
);
const worker = temporal ? await spawnWorkerProcess({ databaseUrl: database.url, temporalAddress: temporal.address, redisUrl, jwtSecret: secret }) : undefined;
/** The processes of the system: the API, and with --split the worker and the Temporal server. */
const pids = { api: api.child.pid!, worker: worker?.pid, temporal: temporal?.child.pid };
const inspector = profileFile ? await connectChildInspector(inspectorUrlIn(api.output())!) : null;
const heapSampled = await inspector?.sampleHeap();
const pid = api.child.pid!;
const startRss = rssMbOf(pid);
process.once('exit', () => api.child.kill('SIGKILL'));
const graphqlUrl = `${api.consoleUrl.replace(/\/$/, '')}/graphql`;
const db = createDb(database.url);
const tokens = createTokenService(secret, 3600);
const bus = createAppPubSub(redisUrl);

/** Runs `job` over `items`, `concurrency` at a time. */
async function pool<T>(items: readonly T[], concurrency: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await job(items[next++]!);
  }));
}

// The backlog's queue keeps its service level far away, so no escalation timer fires while idle.
const backlog = await createQueue(db, { name: 'Email backlog', channels: ['email'], slaTargetSeconds: 24 * 3600 });
const arrivals = await createQueue(db, { name: 'Arrivals', channels: ['whatsapp'] });
const floorQueue = await createQueue(db, { name: 'Floor', channels: ['whatsapp'] });
const supervisor = await createUser(db, { email: 'sup@bench.local', name: 'Sup', role: 'supervisor', passwordHash: 'x' });
const supToken = await tokens.sign({ userId: supervisor.id, version: supervisor.token_version });
const customer = (await db.insertInto('customers').values({ display_name: 'Bench' }).returning('id').executeTakeFirstOrThrow()).id;

progress(`${agentCount} agents connecting`);
const offers = offerStopwatch();
const subs: SseSubscription<unknown>[] = [];
await pool(
  Array.from({ length: agentCount }, (_, i) => i),
  10,
  async (i) => {
    const user = await createUser(db, { email: `a${i}@bench.local`, name: `Agent ${i}`, role: 'agent', passwordHash: 'x' });
    await createAgent(db, { userId: user.id, skills: {}, capacity: { whatsapp: 50 }, queueIds: [backlog.id, arrivals.id, floorQueue.id] }, new Date());
    await setPresence(db, { agentId: user.id, status: 'available', now: new Date() });
    const token = await tokens.sign({ userId: user.id, version: user.token_version });
    subs.push((await subscribeSse<OfferDelivered>(graphqlUrl, offersSubscription, {}, token, offers.onEvent, () => void subscriptionsEnded++)) as SseSubscription<unknown>);
  },
);

progress(`${waitingCount} waiting interactions and their workflows`);
for (let from = 0; from < waitingCount; from += 500) {
  const rows = Array.from({ length: Math.min(500, waitingCount - from) }, () => ({
    channel: 'email' as const,
    customer_id: customer,
    queue_id: backlog.id,
    priority: 0,
    status: 'queued' as const,
    context: '{}',
    enqueued_at: new Date(),
  }));
  const created = await db.insertInto('interactions').values(rows).returningAll().execute();
  // Each owes its workflow start as an arrival through the API does (routing/arrival.ts: the queue's
  // plan, and nobody eligible free: no agent takes email); the API's relay starts them.
  const plan = routingPlan(backlog, new Date(), 60);
  await pool(created, 10, async (interaction) => void (await oweWorkflowStart(db, interaction, { offer: null, plan, nobodyFree: true })));
}
await until(() => countWorkflowStarts(db), (n) => n === 0, 15 * 60_000);

// Settled: the workflows' first tasks done — read from the embedded server's store (its schema in
// the same database), since on a starved machine a quiet CPU window can come before them — then
// the API's CPU at its idle level. The JSON line says how long it took and whether it got there.
progress('settling');
const settleStart = performance.now();
const busyRuns = async () =>
  Number(
    (
      await sql<{ n: string }>`SELECT count(*) AS n FROM temporal_dev.runs
        WHERE state::jsonb->>'status' = 'RUNNING' AND (state::jsonb->'wft' <> 'null'::jsonb OR state::jsonb->'activities' <> '{}'::jsonb)`.execute(db)
    ).rows[0]!.n,
  );
// Read every 2 s, not until's 50 ms: each read parses every run's state.
await until(async () => { const n = await busyRuns(); if (n > 0) await new Promise((r) => setTimeout(r, 2000)); return n; }, (n) => n === 0, 10 * 60_000);
/** Cores each process used over `seconds` (null: that part runs inside the API). */
const window = async (seconds: number) => {
  const before = { api: cpuSecondsOf(pids.api), worker: cpuSecondsOf(pids.worker), temporal: cpuSecondsOf(pids.temporal) };
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const used = (k: keyof typeof before) => (before[k] === undefined ? null : (cpuSecondsOf(pids[k])! - before[k]!) / seconds);
  return { api: used('api')!, worker: used('worker'), temporal: used('temporal') };
};
const total = (c: { api: number; worker: number | null; temporal: number | null }) => c.api + (c.worker ?? 0) + (c.temporal ?? 0);
let settled = false;
for (let tries = 0; tries < 24 && !settled; tries++) settled = total(await window(5)) <= 0.2;
const settleSeconds = (performance.now() - settleStart) / 1000;

progress(`idle for ${idleSeconds} s`);
const profiled = await inspector?.profile();
const idleCores = await window(idleSeconds);
await profiled?.(profileFile!);
const idleRss = rssMbOf(pid);
const idleRssApart = { worker: rssMbOf(pids.worker), temporal: rssMbOf(pids.temporal) };
const idleMemory = await inspector?.memory();
await heapSampled?.(`${profileFile}.heapprofile`);
// After the full collection the heap sampling ends with: how much of the idle heap was only garbage.
const afterGc = inspector ? { ...(await inspector.memory()), rssProc: round(rssMbOf(pid) ?? NaN) } : undefined;
const idleLoad = await loadAverage1m();

progress(`${arrivalCount} arrivals at ${rate}/s beside their floor`);
/** Offers that never reached their agent within the wait (reported, not thrown: the figure is the finding). */
const lost = { system: 0, floor: 0 };
async function viaSystem(): Promise<number> {
  const t0 = performance.now();
  const id = await enqueueOverHttp(graphqlUrl, supToken, { customerId: customer, queueId: arrivals.id, channel: 'WHATSAPP' });
  return offers.wait(id, t0, 30_000).catch(() => (lost.system++, NaN));
}
async function floor(): Promise<number> {
  const t0 = performance.now();
  const id = await floorArrival(db, { customerId: customer, queueId: floorQueue.id }, (agentId, event) => bus.pubsub.publish('offers', agentId, event));
  return offers.wait(id, t0, 30_000).catch(() => (lost.floor++, NaN));
}
async function measure(fn: () => Promise<number>, n: number): Promise<number[]> {
  const samples: number[] = [];
  await atRate(n, rate, async () => void samples.push(await fn()));
  return samples.filter((v) => !Number.isNaN(v));
}
await measure(viaSystem, Math.min(20, arrivalCount));
await measure(floor, Math.min(20, arrivalCount));
const half = Math.ceil(arrivalCount / 2);
// With a profile: the API during the first half of the system's arrivals (<file>.arrivals.cpuprofile).
const arrivalsProfiled = await inspector?.profile();
const sys = [...(await measure(viaSystem, half))];
await arrivalsProfiled?.(`${profileFile}.arrivals.cpuprofile`);
inspector?.close();
const flo = [...(await measure(floor, half))];
sys.push(...(await measure(viaSystem, arrivalCount - half)));
flo.push(...(await measure(floor, arrivalCount - half)));

console.log(
  JSON.stringify({
    bench: 'routing-idle',
    waiting: waitingCount,
    agents_connected: subs.length,
    process: split ? 'api | worker | embedded temporal (three processes)' : 'api+worker+embedded temporal',
    settled_seconds: round(settleSeconds),
    settled,
    idle_seconds: idleSeconds,
    idle_cpu_percent_of_core: round(total(idleCores) * 100, 2),
    api_rss_mb: idleRss === undefined ? null : round(idleRss),
    ...(split
      ? {
          idle_cpu_percent_of_core_by_process: { api: round(idleCores.api * 100, 2), worker: round(idleCores.worker! * 100, 2), temporal: round(idleCores.temporal! * 100, 2) },
          worker_rss_mb: round(idleRssApart.worker ?? NaN),
          temporal_rss_mb: round(idleRssApart.temporal ?? NaN),
        }
      : {}),
    // The same process just started, before any agent, subscription or interaction: its own floor.
    api_rss_at_start_mb: startRss === undefined ? null : round(startRss),
    ...(idleMemory ? { idle_memory_mb: idleMemory, idle_memory_after_full_gc_mb: afterGc } : {}),
    idle_load_average_1m: idleLoad,
    rate_per_s: rate,
    samples: sys.length,
    offer_p50_ms: round(percentile(sys, 50)),
    offer_p99_ms: round(percentile(sys, 99)),
    floor_p50_ms: round(percentile(flo, 50)),
    floor_p99_ms: round(percentile(flo, 99)),
    p99_over_floor_p99: round(percentile(sys, 99) / percentile(flo, 99), 2),
    offers_lost: lost,
    subscriptions_ended: subscriptionsEnded,
    api_rss_after_mb: round(rssMbOf(pid) ?? NaN),
    load_average_1m: await loadAverage1m(),
  }),
);

subs.forEach((s) => s.close());
await bus.close();
await api.interrupt();
if (worker) {
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
}
await temporal?.stop();
await db.destroy();
await database.drop();
await pg.stop();
clearTimeout(deadline);
process.exit(0);
