/**
 * Co-browse benchmark, against the API in its own process (`npm start`'s entry point):
 *
 * 1. A DOM-change batch (an rrweb Mutation of 20 nodes) sent by the widget over its live socket
 *    (/cobrowse/live, sendCobrowseEvents' input as one message) → delivered on the console's live
 *    socket (the batch's frame as published), p50/p99 at a steady rate; and the GraphQL route all
 *    the way, the widget's fallback (the mutation over HTTP POST) → the `cobrowseEvents`
 *    subscription over SSE.
 *    Beside them, in the same run, the floor: the same bytes relayed customer → agent over a bare
 *    WebSocket server (ws). Target: p99 ≤ 1.5 × the floor's p99.
 * 2. Bytes per second of a 1,000-node page changing every 100 ms (a full snapshot, then a mutation
 *    of 10 nodes each tick), up from the widget and down to the agent.
 * 3. CPU (share of one core) and RSS of the API process carrying 50 concurrent sessions, each
 *    sending a batch every 100 ms to its watching agent (`--transport ws|http`, default ws).
 *
 * Prints one JSON line per benchmark.
 *
 *   npx tsx test/bench/cobrowse.ts [--rate 20] [--seconds 10] [--sessions 50] [--transport ws]
 *
 * BENCH_CPU_PROFILE_DIR=<dir>: the API process writes a CPU profile (.cpuprofile) there when it ends.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket, WebSocketServer } from 'ws';
import { createTokenService } from '@cc/api/auth/tokens';
import { createCobrowseTokenService } from '@cc/api/cobrowse/tokens';
import { createDb } from '@cc/db/database';
import { createAgent } from '@cc/db/repositories/agents';
import { createQueue } from '@cc/db/repositories/queues';
import { createUser } from '@cc/db/repositories/users';
import { cobrowseOps, fullSnapshot, meta, mutation } from '../support/cobrowse';
import { subscribeSse, type SseSubscription } from '../support/graphql-sse';
import { createTestDatabase, startTestPostgres } from '../support/postgres';
import { cpuProfileArgs, startSystem } from '../support/start-process';
import { atRate, percentile, round } from './stats';

const { values } = parseArgs({ options: { rate: { type: 'string', default: '20' }, seconds: { type: 'string', default: '10' }, sessions: { type: 'string', default: '50' }, transport: { type: 'string', default: 'ws' } } });
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const sessionCount = Number(values.sessions);
if (values.transport !== 'ws' && values.transport !== 'http') throw new Error('--transport ws or http');
const loadTransport: Transport = values.transport;
const origin = 'https://shop.bench.test';
const secret = 'b'.repeat(40);

const pg = await startTestPostgres();
const database = await createTestDatabase(pg.url);
const api = await startSystem({
  DATABASE_URL: database.url,
  PORT: '0',
  TEMPORAL_DEV_PORT: '0',
  JWT_SECRET: secret,
  SERVE_WEB: 'false',
  LOG_LEVEL: 'warn',
  COBROWSE_BATCHES_PER_SECOND: '100000',
  COBROWSE_MAX_SESSION_BYTES: String(1024 ** 4),
  GRAPHQL_MAX_BODY_BYTES: String(4 * 1024 * 1024),
}, undefined, cpuProfileArgs(process.env.BENCH_CPU_PROFILE_DIR));
const pid = api.child.pid!;
const url = `${api.consoleUrl.replace(/\/$/, '')}/graphql`;
const db = createDb(database.url);
const userTokens = createTokenService(secret, 3600);
const customerTokens = createCobrowseTokenService(secret, 3600);

// One agent holding `sessionCount + 2` calls, each with an active co-browse session.
const now = new Date();
const queue = await createQueue(db, { name: 'Phones', channels: ['voice'] });
const user = await createUser(db, { email: 'agent@bench.local', name: 'Ana', role: 'agent', passwordHash: 'x' });
await createAgent(db, { userId: user.id, skills: {}, capacity: { voice: 1 }, queueIds: [queue.id] }, now);
const agentToken = await userTokens.sign({ userId: user.id, version: user.token_version });
const site = await db.insertInto('webchat_sites').values({ key: 'shop', name: 'Shop', queue_id: queue.id, allowed_origins: [origin], triggers: '[]' }).returning('id').executeTakeFirstOrThrow();
const customer = (await db.insertInto('customers').values({ display_name: 'Caller' }).returning('id').executeTakeFirstOrThrow()).id;

type Transport = 'ws' | 'http';
interface Session {
  gid: string;
  token: string;
  seq: number;
  /** The widget's socket (/cobrowse/live), opened on first use; answers come in the order sent. */
  socket?: { ws: WebSocket; answers: ((answer: { __typename: string; accepted?: boolean }) => void)[] };
}
async function newSession(): Promise<Session> {
  const interaction = await db
    .insertInto('interactions')
    .values({ channel: 'voice', customer_id: customer, queue_id: queue.id, priority: 0, status: 'assigned', assigned_agent_id: user.id, context: JSON.stringify({ callSid: `CA${'0'.repeat(32)}` }), enqueued_at: now, assigned_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('cobrowse_sessions')
    .values({ site_id: site.id, interaction_id: interaction.id, agent_id: user.id, status: 'active', via: 'code', consented_at: now, current_url: `${origin}/cart`, pages_visited: [`${origin}/cart`] })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { gid: Buffer.from(`CobrowseSession:${row.id}`).toString('base64'), token: await customerTokens.sign({ sessionId: row.id, origin }), seq: 0 };
}

/** The widget's request body for one batch over HTTP (the mutation), and its message over the live socket. */
const body = (s: Session, seq: number, events: unknown[]) => JSON.stringify({ query: cobrowseOps.send, variables: { input: { sessionId: s.gid, seq, url: `${origin}/cart`, events } } });
const message = (seq: number, events: unknown[]) => JSON.stringify({ seq, url: `${origin}/cart`, events });
const wire = (transport: Transport, s: Session, seq: number, events: unknown[]) => (transport === 'ws' ? message(seq, events) : body(s, seq, events));
type Answer = { data?: { sendCobrowseEvents: { __typename: string; accepted?: boolean } } | null };
async function post(s: Session, payload: string): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', origin, authorization: `Bearer ${s.token}` }, body: payload });
  const answer = (await res.json()) as Answer;
  if (!answer.data?.sendCobrowseEvents.accepted) throw new Error(`batch refused: ${JSON.stringify(answer)}`);
}

/** The widget's way: its live socket as the page opens it (the page's Origin on the upgrade), the session and token first, then one message per batch. */
async function sendOverSocket(s: Session, payload: string): Promise<void> {
  if (!s.socket) {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws').replace(/\/graphql$/, '')}/cobrowse/live`, { headers: { origin } });
    const answers: NonNullable<Session['socket']>['answers'] = [];
    ws.on('message', (data) => answers.shift()?.(JSON.parse(String(data)) as { __typename: string; accepted?: boolean }));
    await new Promise((ok, fail) => (ws.once('open', ok), ws.once('error', fail)));
    ws.send(JSON.stringify({ share: s.gid, authorization: `Bearer ${s.token}` }));
    s.socket = { ws, answers };
  }
  const socket = s.socket;
  const answer = await new Promise<{ __typename: string; accepted?: boolean }>((ok) => {
    socket.answers.push(ok);
    socket.ws.send(payload);
  });
  if (!answer.accepted) throw new Error(`batch refused: ${JSON.stringify(answer)}`);
}
const send = (transport: Transport, s: Session, payload: string) => (transport === 'ws' ? sendOverSocket(s, payload) : post(s, payload));

type Batch = { cobrowseEvents: { kind: string; seq: number; events: unknown[] } };
/**
 * The agent's replayer: notes when each seq arrives (and how many bytes came down). Over the
 * console's WebSocket (one per agent), or SSE.
 */
async function watch(s: Session, arrivals: Arrivals, bytes = { down: 0 }, transport: Transport = 'http'): Promise<{ close(): void }> {
  const seen = (e: Batch) => {
    if (e.cobrowseEvents.kind !== 'EVENTS') return;
    arrivals.note(e.cobrowseEvents.seq);
    bytes.down += Buffer.byteLength(JSON.stringify(e));
  };
  if (transport === 'http') {
    const sub: SseSubscription<Batch> = await subscribeSse<Batch>(url, cobrowseOps.agentEventsLean, { id: s.gid }, agentToken, seen);
    await sub.next((e) => e.cobrowseEvents.kind === 'STATUS');
    return sub;
  }
  // The console's live socket: the frames as the API published them, parsed here as the console does.
  const socket = await openSocket(`${url.replace(/^http/, 'ws').replace(/\/graphql$/, '')}/cobrowse/live`);
  await new Promise<void>((live, fail) => {
    socket.once('close', (code) => fail(new Error(`live socket closed: ${code}`)));
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(String(data)) as { kind: string; seq: number };
      if (frame.kind === 'STATUS') return live();
      arrivals.note(frame.seq);
      bytes.down += data.length;
    });
    socket.send(JSON.stringify({ watch: s.gid, authorization: `Bearer ${agentToken}` }));
  });
  return { close: () => socket.close() };
}
const openSocket = (address: string) =>
  new Promise<WebSocket>((ok, fail) => {
    const ws = new WebSocket(address);
    ws.once('open', () => ok(ws));
    ws.once('error', fail);
  });
/**
 * When each seq reached the agent. Waiting for one is woken by its arrival: polling would keep a
 * core of this 2-core class of machine busy, away from the processes being measured.
 */
class Arrivals {
  private readonly times = new Map<number, number>();
  private readonly waiters = new Map<number, () => void>();
  note(seq: number): void {
    this.times.set(seq, performance.now());
    this.waiters.get(seq)?.();
    this.waiters.delete(seq);
  }
  async since(seq: number, from: number, timeoutMs = 10_000): Promise<number> {
    if (!this.times.has(seq)) {
      await new Promise<void>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`batch ${seq} never reached the agent`)), timeoutMs);
        this.waiters.set(seq, () => {
          clearTimeout(timer);
          ok();
        });
      });
    }
    return this.times.get(seq)! - from;
  }
}

// ─── 1. Latency: through the API vs a bare WebSocket relay ──────────────────────────────────────
// The widget's live socket and its HTTP fallback, each on a session of its own.
const latency = { ws: await newSession(), http: await newSession() };
const latencyArrivals = { ws: new Arrivals(), http: new Arrivals() };
const latencySubs = [await watch(latency.ws, latencyArrivals.ws, undefined, 'ws'), await watch(latency.http, latencyArrivals.http, undefined, 'http')];
for (const transport of ['ws', 'http'] as const) {
  const s = latency[transport];
  await send(transport, s, wire(transport, s, ++s.seq, [meta(`${origin}/cart`), fullSnapshot(1000)]));
}
const viaApi = (transport: Transport) => async (): Promise<number> => {
  const s = latency[transport];
  const seq = ++s.seq;
  const payload = wire(transport, s, seq, [mutation(20, seq)]);
  const t0 = performance.now();
  await send(transport, s, payload);
  return latencyArrivals[transport].since(seq, t0);
};

// The floor: a relay that forwards each customer message to the agent's socket, nothing else —
// in its own process, as the API is (every hop then wakes another process, as through the API),
// and, for reference, in this one.
const relayCode = `
const { WebSocketServer } = require('ws');
const relay = new WebSocketServer({ port: 0, host: '127.0.0.1' });
let agent;
relay.on('connection', (socket, req) => {
  if (req.url === '/agent') agent = socket;
  else socket.on('message', (data) => agent && agent.send(data));
});
relay.on('listening', () => console.log(relay.address().port));
`;
const relayChild = spawn(process.execPath, ['-e', relayCode], { cwd: dirname(fileURLToPath(import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] });
const childPort = await new Promise<number>((ok) => relayChild.stdout!.once('data', (b: Buffer) => ok(Number(String(b).trim()))));
const inProcessRelay = new WebSocketServer({ port: 0, host: '127.0.0.1' });
const peers: { agent?: WebSocket } = {};
inProcessRelay.on('connection', (socket, req) => {
  if (req.url === '/agent') peers.agent = socket;
  else socket.on('message', (data) => peers.agent?.send(data));
});
await new Promise<void>((ok) => inProcessRelay.once('listening', ok));
const open = (port: number, path: string) => openSocket(`ws://127.0.0.1:${port}${path}`);
async function relayPath(port: number) {
  const agent = await open(port, '/agent');
  const customer = await open(port, '/customer');
  const arrivals = new Arrivals();
  agent.on('message', (data) => {
    const seq = (JSON.parse(String(data)) as { seq: number }).seq;
    arrivals.note(seq);
  });
  let seq = 0;
  const via = async (): Promise<number> => {
    const n = ++seq;
    const payload = message(n, [mutation(20, n)]);
    const t0 = performance.now();
    customer.send(payload);
    return arrivals.since(n, t0);
  };
  return { via, close: () => [agent, customer].forEach((w) => w.close()) };
}
const floorRelay = await relayPath(childPort);
const inProcessFloor = await relayPath((inProcessRelay.address() as AddressInfo).port);
const viaWebSocket = floorRelay.via;

type Path = 'ws' | 'http' | 'floor' | 'inProcessFloor';
/**
 * Each path `rounds` times at `rate` per second, the paths' sends spread evenly between one another
 * and their order turned each round, so every path sees the same machine (a busy one changes from
 * second to second) and none always follows the same other. A path's batches go out one after
 * another, as one widget sends them.
 */
async function measure(paths: Record<Path, () => Promise<number>>, rounds: number): Promise<Record<Path, number[]>> {
  const names = Object.keys(paths) as Path[];
  const out = { ws: [], http: [], floor: [], inProcessFloor: [] } as Record<Path, number[]>;
  const chains = Object.fromEntries(names.map((n) => [n, Promise.resolve()])) as Record<Path, Promise<void>>;
  await atRate(rounds * names.length, rate * names.length, (i) => {
    const name = names[(i + Math.floor(i / names.length)) % names.length]!;
    return (chains[name] = chains[name].then(async () => void out[name].push(await paths[name]())));
  });
  return out;
}
const count = rate * seconds;
const paths = { ws: viaApi('ws'), http: viaApi('http'), floor: viaWebSocket, inProcessFloor: inProcessFloor.via };
// Warm-up (JIT, caches, connections), then the measure.
await measure(paths, Math.min(40, count));
const samples = await measure(paths, count);
const batchBytes = Buffer.byteLength(message(1, [mutation(20, 1)]));
const floorP99 = percentile(samples.floor, 99);
console.log(
  JSON.stringify({
    bench: 'cobrowse-latency',
    rate_per_s: rate,
    samples: samples.ws.length,
    batch_bytes: batchBytes,
    transport: 'widget live socket -> API -> agent live socket (/cobrowse/live)',
    p50_ms: round(percentile(samples.ws, 50)),
    p99_ms: round(percentile(samples.ws, 99)),
    max_ms: round(Math.max(...samples.ws)),
    http_sse_p50_ms: round(percentile(samples.http, 50)),
    http_sse_p99_ms: round(percentile(samples.http, 99)),
    ws_floor_p50_ms: round(percentile(samples.floor, 50)),
    ws_floor_p99_ms: round(floorP99),
    ws_floor_in_bench_process_p50_ms: round(percentile(samples.inProcessFloor, 50)),
    ws_floor_in_bench_process_p99_ms: round(percentile(samples.inProcessFloor, 99)),
    p99_over_floor_p99: round(percentile(samples.ws, 99) / floorP99, 2),
    http_p99_over_floor_p99: round(percentile(samples.http, 99) / floorP99, 2),
    pubsub: process.env.REDIS_URL ? 'redis' : 'in-process',
    load_avg_1m: round(loadavg()[0]!, 2),
    target: 'p99 <= 1.5x bare WebSocket relay p99 (relay in its own process)',
  }),
);
latencySubs.forEach((sub) => sub.close());
Object.values(latency).forEach((s) => s.socket?.ws.close());

// ─── 2. Bytes per second of a 1,000-node page changing every 100 ms ────────────────────────────
const pageSession = await newSession();
const pageArrivals = new Arrivals();
const down = { down: 0 };
const pageSub = await watch(pageSession, pageArrivals, down, 'ws');
let up = 0;
const snapshot = message(++pageSession.seq, [meta(`${origin}/catalogue`), fullSnapshot(1000)]);
up += Buffer.byteLength(snapshot);
await send('ws', pageSession, snapshot);
const ticks = seconds * 10;
let pageChain = Promise.resolve();
await atRate(ticks, 10, () =>
  (pageChain = pageChain.then(async () => {
    const seq = ++pageSession.seq;
    const payload = message(seq, [mutation(10, seq)]);
    up += Buffer.byteLength(payload);
    await send('ws', pageSession, payload);
  })),
);
await pageArrivals.since(pageSession.seq, performance.now());
console.log(
  JSON.stringify({
    bench: 'cobrowse-bytes',
    page_nodes: 1000,
    change_every_ms: 100,
    seconds,
    snapshot_bytes: Buffer.byteLength(snapshot),
    up_bytes_per_s: Math.round(up / seconds),
    down_bytes_per_s: Math.round(down.down / seconds),
    steady_up_bytes_per_s: Math.round((up - Buffer.byteLength(snapshot)) / seconds),
  }),
);
pageSub.close();
pageSession.socket?.ws.close();

// ─── 3. One API process carrying 50 concurrent sessions ────────────────────────────────────────
const ticksPerSecond = 100; // USER_HZ on Linux
const cpuTicks = () => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
const rssBytes = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const sessions = await Promise.all(Array.from({ length: sessionCount }, () => newSession()));
const loadArrivals = sessions.map(() => new Arrivals());
const loadSubs = await Promise.all(sessions.map((s, i) => watch(s, loadArrivals[i]!, undefined, loadTransport)));
for (const s of sessions) await send(loadTransport, s, wire(loadTransport, s, ++s.seq, [meta(`${origin}/cart`), fullSnapshot(300)]));
const rssBefore = rssBytes();
let rssPeak = rssBefore;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssBytes())), 250);
const cpu0 = cpuTicks();
const wall0 = performance.now();
const loadLatency: number[] = [];
await Promise.all(
  sessions.map((s, i) => {
    // One widget sends its batches one after another.
    let chain = Promise.resolve();
    return atRate(seconds * 10, 10, () =>
      (chain = chain.then(async () => {
        const seq = ++s.seq;
        const payload = wire(loadTransport, s, seq, [mutation(10, seq)]);
        const t0 = performance.now();
        await send(loadTransport, s, payload);
        loadLatency.push(await loadArrivals[i]!.since(seq, t0));
      })),
    );
  }),
);
const wall = (performance.now() - wall0) / 1000;
const cpu = (cpuTicks() - cpu0) / ticksPerSecond;
clearInterval(sampler);
console.log(
  JSON.stringify({
    bench: 'cobrowse-load',
    sessions: sessionCount,
    transport: loadTransport,
    offered_batches_per_s: sessionCount * 10,
    batches_per_s: Math.round((sessionCount * seconds * 10) / wall),
    api_cpu_core_share: round(cpu / wall, 2),
    api_rss_mb: round(rssPeak / 1024 ** 2),
    api_rss_before_mb: round(rssBefore / 1024 ** 2),
    p50_ms: round(percentile(loadLatency, 50)),
    p99_ms: round(percentile(loadLatency, 99)),
    load_avg_1m: round(loadavg()[0]!, 2),
  }),
);
loadSubs.forEach((s) => s.close());
sessions.forEach((s) => s.socket?.ws.close());

floorRelay.close();
inProcessFloor.close();
relayChild.kill();
await new Promise((ok) => inProcessRelay.close(ok));
await db.destroy();
await api.interrupt();
await database.drop();
await pg.stop();
process.exit(0);
