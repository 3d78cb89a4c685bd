/**
 * What the routing benchmarks share: the CPU and memory of a process from /proc, the agent's
 * `offers` subscription as a stopwatch, the arrival over HTTP (the `enqueueInteraction` mutation)
 * and its floor (the bare statements of the same arrival, then the publish).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '@cc/db/database';
import { createInteraction } from '@cc/db/repositories/interactions';
import { matchNext } from '@cc/db/repositories/matching';
import { inTransaction } from '@cc/db/repositories/transaction';
import { offerEvent, type OfferEvent } from '@cc/api/routing/offer-events';
import { cpuProfileArgs, repoRoot } from '../support/start-process';
import { until } from '../support/until';

/**
 * CPU seconds a process used so far, from /proc (Linux); undefined elsewhere. `exitedChildren` adds
 * what its children that have exited used (cutime + cstime, once it has waited for them).
 */
export function cpuSecondsOf(pid: number | undefined, options: { exitedChildren?: boolean } = {}): number | undefined {
  if (!pid) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const own = Number(fields[11]) + Number(fields[12]); // utime + stime, 100 ticks/s
    return (own + (options.exitedChildren ? Number(fields[13]) + Number(fields[14]) : 0)) / 100;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by every process of this host running `program` (its /proc comm, e.g.
 * `postgres` for the server and each of its backends, `redis-server`): the parts a bench reaches
 * over loopback. Undefined when none runs here (a remote server) or off Linux. A backend that
 * exits between two readings (a pool closing an idle connection) is still counted: its CPU moves
 * to its parent's exited-children time, which is added too.
 */
export function cpuSecondsOfProgram(program: string): number | undefined {
  let total: number | undefined;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== program) continue;
    } catch {
      continue; // exited meanwhile
    }
    const seconds = cpuSecondsOf(Number(pid), { exitedChildren: true });
    if (seconds !== undefined) total = (total ?? 0) + seconds;
  }
  return total;
}

/** A number a process's /proc file states after `label:` (Linux); undefined elsewhere or when gone. */
function procFigure(pid: number | undefined, file: 'status' | 'io', label: string): number | undefined {
  if (!pid) return undefined;
  try {
    const value = new RegExp(`^${label}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'))?.[1];
    return value === undefined ? undefined : Number(value);
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in MB, from /proc (Linux); undefined elsewhere. */
export function rssMbOf(pid: number | undefined): number | undefined {
  const kb = procFigure(pid, 'status', 'VmRSS');
  return kb === undefined ? undefined : kb / 1024;
}

/**
 * Write system calls a process has made (socket writes included), from /proc (Linux): each costs a
 * kernel round, on loopback the delivery too, so fewer per arrival is less CPU whatever the load.
 */
export function writeCallsOf(pid: number | undefined): number | undefined {
  return procFigure(pid, 'io', 'syscw');
}

export const offersSubscription = 'subscription { offers { id outcome interaction { id } } }';
export type OfferDelivered = { offers: { outcome: string | null; interaction: { id: string } } };

const rawId = (gid: string) => Buffer.from(gid, 'base64').toString().split(':')[1]!;
export const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

/**
 * When each interaction's offer reached its agent's subscription: `onEvent` goes to every agent's
 * subscription; `wait` resolves with the time from `from` to the offer (no polling: the bench's
 * own CPU stays small).
 */
export function offerStopwatch() {
  const arrivals = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  return {
    onEvent(e: OfferDelivered) {
      if (e.offers.outcome !== null) return;
      const id = rawId(e.offers.interaction.id);
      arrivals.set(id, performance.now());
      waiters.get(id)?.();
      waiters.delete(id);
    },
    async wait(id: string, from: number, timeoutMs = 10_000): Promise<number> {
      if (!arrivals.has(id)) {
        await new Promise<void>((ok, fail) => {
          const timer = setTimeout(() => fail(new Error(`no offer for ${id}`)), timeoutMs);
          waiters.set(id, () => {
            clearTimeout(timer);
            ok();
          });
        });
      }
      return arrivals.get(id)! - from;
    },
  };
}

const enqueueMutation = `mutation($input: EnqueueInteractionInput!) { enqueueInteraction(input: $input) { ... on InteractionPayload { interaction { id } } ... on Error { message } } }`;

/** The arrival as an integrator or channel makes it: the mutation over HTTP. Returns the new interaction's id once the response is in. */
export async function enqueueOverHttp(graphqlUrl: string, token: string, input: { customerId: string; queueId: string; channel: string }): Promise<string> {
  const res = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: enqueueMutation, variables: { input: { customerId: gid('Customer', input.customerId), queueId: gid('Queue', input.queueId), channel: input.channel } } }),
  });
  const body = (await res.json()) as { data?: { enqueueInteraction: { interaction?: { id: string }; message?: string } } };
  const created = body.data?.enqueueInteraction.interaction?.id;
  if (!created) throw new Error(`enqueue failed: ${JSON.stringify(body)}`);
  return rawId(created);
}

/**
 * The floor of an arrival: the interaction created and matched in one transaction, as the arrival
 * path does (so no sweep can match it in between), then the offer published. Returns the ids.
 */
export async function floorArrival(
  db: Db,
  input: { customerId: string; queueId: string },
  publishOffer: (agentId: string, event: OfferEvent) => void,
): Promise<string> {
  const now = new Date();
  const { created, matched } = await inTransaction(db, async (trx) => {
    const created = await createInteraction(trx, { customerId: input.customerId, queueId: input.queueId, channel: 'whatsapp' }, now);
    if (!created.ok) throw new Error(created.reason);
    return { created, matched: await matchNext(trx, { interactionId: created.interaction.id }, now) };
  });
  if (!matched.ok) throw new Error(matched.reason);
  publishOffer(matched.offer.agent_id, offerEvent(matched.offer, matched.interaction));
  return created.interaction.id;
}

/** The load average over the last minute: the machine is shared, so every figure is read beside it. */
export async function loadAverage1m(): Promise<number> {
  return Math.round((await import('node:os')).loadavg()[0]! * 100) / 100;
}

/**
 * `npm run worker`'s entry point as a child (a worker apart from the API), resolved once it polls.
 * Killed (SIGKILL) if the bench exits first, whatever ends it.
 */
export async function spawnWorkerProcess(env: { databaseUrl: string; temporalAddress: string; redisUrl: string; jwtSecret: string }): Promise<ChildProcess> {
  // BENCH_WORKER_PROFILE_DIR=<dir>: the worker writes a CPU profile of its whole life there when it ends.
  const worker = spawn(process.execPath, [...cpuProfileArgs(process.env.BENCH_WORKER_PROFILE_DIR), '--import', 'tsx', join(repoRoot, 'services/api/src/worker-main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: env.databaseUrl, TEMPORAL_ADDRESS: env.temporalAddress, REDIS_URL: env.redisUrl, JWT_SECRET: env.jwtSecret, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.once('exit', () => worker.kill('SIGKILL'));
  let out = '';
  worker.stdout!.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-10_000)));
  await until(() => out.includes('worker polling') || worker.exitCode !== null, (ok) => ok, 60_000);
  if (worker.exitCode !== null) throw new Error('the worker process exited at start-up');
  return worker;
}
