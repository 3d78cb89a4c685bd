import { spawn, type ChildProcess } from 'node:child_process';
import type { Client } from '@temporalio/client';
import type { Db } from '@cc/db/database';
import { finalInteractionStatuses } from '@cc/core/routing';
import { subscribeSse, type SseSubscription } from './graphql-sse';
import type { TestApi } from './api';
import { createAgent, createQueue, enqueue, newCustomer, ops, type Agent, type OfferEvent } from './routing-fixtures';
import { rawId } from './push/call';
import { until } from './until';

/**
 * A private redis-server on a loopback port (never the system Redis): nothing saved, stopped and
 * started again by its pid.
 */
export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startPrivateRedis(port: number): Promise<PrivateRedis> {
  let child: ChildProcess | null = null;
  const start = async () => {
    const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    let out = '';
    c.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    c.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    await until(() => out, (o) => o.includes('Ready to accept connections') || c.exitCode !== null, 15_000);
    if (c.exitCode !== null) throw new Error(`redis-server did not start:\n${out}`);
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((ok) => c.once('exit', ok));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}

/**
 * An agent's console: subscribed to its offers on one API (`apiUrl`), accepting each as it
 * arrives. `accepted` holds the raw ids of the interactions it took.
 */
export interface AcceptingAgent {
  accepted: Set<string>;
  /** Offers seen (each once), for "this offer reached that agent". */
  offered: Set<string>;
  close(): void;
}

export async function acceptOffers(apiUrl: string, agent: Agent): Promise<AcceptingAgent> {
  const accepted = new Set<string>();
  const offered = new Set<string>();
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${agent.token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: { acceptOffer?: { __typename: string } } };
  };
  const onOffer = (e: OfferEvent) => {
    if (e.offers.outcome !== null || offered.has(e.offers.id)) return;
    offered.add(e.offers.id);
    void gql(ops.accept, { id: e.offers.id }).then(
      (r) => r.data?.acceptOffer?.__typename === 'InteractionPayload' && accepted.add(rawId(e.offers.interaction.id)),
      () => offered.delete(e.offers.id), // the API did not answer: take the offer if it is sent again
    );
  };
  // Like the console: when the stream ends (its API restarted, a dependency failed mid-event), subscribe
  // again; the subscription starts with the agent's open offers, so none is missed.
  let closed = false;
  let sub: SseSubscription<OfferEvent> | null = null;
  const subscribe = async (): Promise<void> => {
    while (!closed) {
      try {
        sub = await subscribeSse<OfferEvent>(`${apiUrl}/graphql`, ops.offersSubscription, {}, agent.token, onOffer, () => {
          if (!closed) setTimeout(() => void subscribe(), 300);
        });
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  };
  await subscribe();
  return {
    accepted,
    offered,
    close: () => {
      closed = true;
      sub?.close();
    },
  };
}

export interface LossReport {
  byStatus: Record<string, number>;
  lost: string[];
  stranded: string[];
  doubleAccepted: string[];
  duplicateOutbound: number;
}

/**
 * The fault tests' invariants over the interactions they created: every one exists; each is final,
 * held by an agent, or waiting with its workflow still running (so it will be offered again); none
 * was accepted twice; no outbound message was stored twice.
 */
export async function lossReport(db: Db, temporal: Client, ids: string[]): Promise<LossReport> {
  const rows = await db.selectFrom('interactions').select(['id', 'status', 'assigned_agent_id']).where('id', 'in', ids).execute();
  const found = new Map(rows.map((r) => [r.id, r]));
  const lost = ids.filter((id) => !found.has(id));
  const byStatus: Record<string, number> = {};
  const stranded: string[] = [];
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    if (finalInteractionStatuses.includes(r.status)) continue;
    if ((r.status === 'assigned' || r.status === 'wrap_up') && r.assigned_agent_id) continue;
    const d = await temporal.workflow.getHandle(r.id).describe().catch(() => null);
    if (d?.status.name !== 'RUNNING') stranded.push(r.id);
  }
  const accepted = await db
    .selectFrom('offers')
    .select(['interaction_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('interaction_id', 'in', ids)
    .where('outcome', '=', 'accepted')
    .groupBy('interaction_id')
    .execute();
  const dup = await db
    .selectFrom('messages')
    .select(['interaction_id', 'body', (eb) => eb.fn.countAll<number>().as('n')])
    .where('interaction_id', 'in', ids)
    .where('direction', '=', 'outbound')
    .groupBy(['interaction_id', 'body'])
    .execute();
  return {
    byStatus,
    lost,
    stranded,
    doubleAccepted: accepted.filter((a) => Number(a.n) > 1).map((a) => a.interaction_id),
    duplicateOutbound: dup.filter((d) => Number(d.n) > 1).length,
  };
}

/** Polls `/ready` until `ok` holds for its JSON. */
export async function readiness(apiUrl: string, ok: (r: { status: number; body: Record<string, string> }) => boolean, timeoutMs = 30_000) {
  return until(
    async () => {
      const res = await fetch(`${apiUrl}/ready`);
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    },
    ok,
    timeoutMs,
  );
}

/**
 * A flow in flight for the infrastructure fault tests: a voice queue, `agents` consoles accepting
 * every offer, and `contacts` calls enqueued at once (in queue `queueId`, a global id). `ids` are the interactions' raw ids;
 * `consoles` are for the test to close.
 */
export async function callsInFlight(t: TestApi, supervisorToken: string, opts: { agents: number; contacts: number }) {
  const queueId = await createQueue(t, supervisorToken, { name: 'Phones', channels: ['VOICE'], offerTimeoutSeconds: 5 });
  const consoles: AcceptingAgent[] = [];
  for (let i = 0; i < opts.agents; i++) {
    const agent = await createAgent(t, supervisorToken, { queueIds: [queueId], capacity: { voice: 50 } });
    consoles.push(await acceptOffers(t.api.url, agent));
  }
  const customers = await Promise.all(Array.from({ length: opts.contacts }, () => newCustomer(t, supervisorToken)));
  const gids = await Promise.all(customers.map((customerId) => enqueue(t, supervisorToken, { customerId, queueId, channel: 'VOICE' })));
  return {
    queueId,
    consoles,
    accepted: () => consoles.reduce((n, c) => n + c.accepted.size, 0),
    ids: gids.map((gid) => Buffer.from(gid, 'base64').toString().split(':')[1]!),
  };
}
