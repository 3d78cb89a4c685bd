import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporalDevServer } from '@cc/temporal-dev/server';
import type { RoutingActivities } from '../src/activities/routing';
import { connectWorker } from '../src/connection';
import { parseTemporalEnv } from '../src/env';
import type { RoutingPlan } from '../src/routing-plan';
import { startWorker, type RunningWorker } from '../src/worker';
import { interactionWorkflow } from '../src/workflows/interaction';
import { customerLeft, offerDecided, offerMade, stateQuery, wrapUpStarted } from '../src/workflows/interaction-signals';

// The interaction workflow alone, with fake activities (the factory's shape), on the embedded
// server: what it decides and when, without a database.
const calls: string[] = [];
let offerResults: (null | { offerId: string; agentId: string; expiresAt: number })[] = [];
/** What the channel's connectAgent does (default: connects at once). */
let connectBehaviour: () => Promise<'connected' | 'caller_gone'> = async () => 'connected';
let releaseHangingConnect = () => {};
const plan: RoutingPlan = { queueId: 'q1', queueOpen: true, slaTargetSeconds: 1, overflowAfterSeconds: 2, wrapUpSeconds: 1 };
const fakes: RoutingActivities = {
  loadRoutingPlan: async () => (calls.push('loadRoutingPlan'), plan),
  closeOutsideBusinessHours: async () => void calls.push('closeOutsideBusinessHours'),
  connectAgent: async () => {
    calls.push('connectAgent');
    return connectBehaviour();
  },
  connectFailed: async () => (calls.push('connectFailed'), true),
  abandonUnconnected: async () => void calls.push('abandonUnconnected'),
  offerInteraction: async () => (calls.push('offerInteraction'), offerResults.shift() ?? null),
  expireOffer: async () => (calls.push('expireOffer'), 'expired'),
  raisePriority: async () => void calls.push('raisePriority'),
  overflowToNextQueue: async () => (calls.push('overflowToNextQueue'), { ...plan, queueId: 'q2', overflowAfterSeconds: null }),
  abandonInteraction: async () => void calls.push('abandonInteraction'),
  startWrapUp: async () => void calls.push('startWrapUp'),
  closeAfterWrapUp: async () => void calls.push('closeAfterWrapUp'),
};

let stop: () => Promise<void>;
let client: Client;
let worker: RunningWorker;
const taskQueue = `wf-${randomUUID()}`;

beforeAll(async () => {
  const server = await startTemporalDevServer({ port: 0 });
  const env = parseTemporalEnv({});
  const connection = await connectWorker(env, server.address);
  worker = await startWorker({ connection, namespace: 'default', taskQueue, activities: fakes });
  client = new Client({ connection: await Connection.connect({ address: server.address }) });
  stop = async () => {
    await worker.stop();
    await connection.close();
    await client.connection.close();
    await server.stop();
  };
}, 60_000);
afterAll(() => {
  releaseHangingConnect();
  return stop?.();
});

async function until(read: () => Promise<boolean>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await read())) {
    if (Date.now() > end) throw new Error(`timed out; calls: ${calls.join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('interactionWorkflow', () => {
  it('escalates a waiting contact, takes an offer, re-offers on expiry, then assigned → wrap-up → closed', async () => {
    calls.length = 0;
    offerResults = [null];
    const h = await client.workflow.start(interactionWorkflow, { taskQueue, workflowId: randomUUID(), args: [{ interactionId: 'i1', plan }] });
    // Nobody free: past the 1 s service level its priority rises, past 2 s it overflows.
    await until(async () => calls.includes('overflowToNextQueue'));
    expect(calls.indexOf('raisePriority')).toBeLessThan(calls.indexOf('overflowToNextQueue'));
    expect(calls).not.toContain('loadRoutingPlan'); // the plan came with the start

    // An agent frees up elsewhere and is offered it; nobody answers within 300 ms.
    await h.signal(offerMade, { offerId: 'o1', agentId: 'a1', expiresAt: Date.now() + 300 });
    await until(async () => calls.includes('expireOffer'));
    expect((await h.query(stateQuery)).phase).toBe('queued');

    offerResults = [{ offerId: 'o2', agentId: 'a2', expiresAt: Date.now() + 60_000 }];
    await h.signal(offerMade, { offerId: 'o2', agentId: 'a2', expiresAt: Date.now() + 60_000 });
    await h.signal(offerDecided, { offerId: 'o2', outcome: 'accepted' });
    await until(async () => calls.includes('connectAgent'));
    await h.signal(wrapUpStarted);
    expect(await h.result()).toBe('closed');
    expect(calls.slice(-2)).toEqual(['connectAgent', 'closeAfterWrapUp']);
  });

  it('ends as abandoned when the customer leaves while it waits, and never offers it again', async () => {
    calls.length = 0;
    offerResults = [];
    const h = await client.workflow.start(interactionWorkflow, { taskQueue, workflowId: randomUUID(), args: [{ interactionId: 'i2', plan: { ...plan, slaTargetSeconds: 60, overflowAfterSeconds: null } }] });
    await until(async () => calls.includes('offerInteraction'));
    await h.signal(customerLeft);
    expect(await h.result()).toBe('abandoned');
    expect(calls).toEqual(['offerInteraction', 'abandonInteraction']);
  });

  it('starts by waiting when its arrival found nobody free: matched again only once something changes', async () => {
    calls.length = 0;
    offerResults = [];
    const waitingPlan = { ...plan, slaTargetSeconds: 3600, overflowAfterSeconds: null };
    const h = await client.workflow.start(interactionWorkflow, { taskQueue, workflowId: randomUUID(), args: [{ interactionId: 'i7', plan: waitingPlan, nobodyFreeOnArrival: true }] });
    // Its first task has run (the query is answered after it): waiting, and no activity at all.
    expect((await h.query(stateQuery)).phase).toBe('queued');
    expect(calls).toEqual([]);
    // A freed agent is offered it and declines: back in the queue, it is matched again.
    await h.signal(offerMade, { offerId: 'o7', agentId: 'a7', expiresAt: Date.now() + 60_000 });
    await h.signal(offerDecided, { offerId: 'o7', outcome: 'declined' });
    await until(async () => calls.includes('offerInteraction'));
    await h.signal(customerLeft);
    expect(await h.result()).toBe('abandoned');
    expect(calls).toEqual(['offerInteraction', 'abandonInteraction']);
  });

  it('runs the closed-hours path when the queue is closed and nothing was offered', async () => {
    calls.length = 0;
    const h = await client.workflow.start(interactionWorkflow, { taskQueue, workflowId: randomUUID(), args: [{ interactionId: 'i3', plan: { ...plan, queueOpen: false } }] });
    expect(await h.result()).toBe('closed');
    expect(calls).toEqual(['closeOutsideBusinessHours']);
  });

  it('a bridge that keeps failing is given up after bounded retries: connectFailed (re-queue) ends it', async () => {
    calls.length = 0;
    connectBehaviour = async () => {
      throw new Error('Twilio could not be reached; nothing was sent — try again.');
    };
    const h = await client.workflow.start(interactionWorkflow, {
      taskQueue,
      workflowId: randomUUID(),
      args: [{ interactionId: 'i4', plan, initialOffer: { offerId: 'o4', agentId: 'a4', expiresAt: Date.now() + 60_000 } }],
    });
    await h.signal(offerDecided, { offerId: 'o4', outcome: 'accepted' });
    expect(await h.result()).toBe('closed');
    expect(calls.filter((c) => c === 'connectAgent')).toHaveLength(5);
    expect(calls.at(-1)).toBe('connectFailed');
    connectBehaviour = async () => 'connected';
  }, 30_000);

  it('the customer hangs up while the call is being bridged: abandoned at once, the attempt cancelled', async () => {
    calls.length = 0;
    connectBehaviour = () => new Promise((resolve) => (releaseHangingConnect = () => resolve('connected')));
    const h = await client.workflow.start(interactionWorkflow, {
      taskQueue,
      workflowId: randomUUID(),
      args: [{ interactionId: 'i5', plan, initialOffer: { offerId: 'o5', agentId: 'a5', expiresAt: Date.now() + 60_000 } }],
    });
    await h.signal(offerDecided, { offerId: 'o5', outcome: 'accepted' });
    await until(async () => calls.includes('connectAgent'));
    await h.signal(customerLeft);
    expect(await h.result()).toBe('abandoned');
    expect(calls).toEqual(['connectAgent', 'abandonUnconnected']);
    releaseHangingConnect();
    connectBehaviour = async () => 'connected';
  });

  it('the caller was gone when the bridge was tried: abandoned, never wrap-up', async () => {
    calls.length = 0;
    connectBehaviour = async () => 'caller_gone';
    const h = await client.workflow.start(interactionWorkflow, {
      taskQueue,
      workflowId: randomUUID(),
      args: [{ interactionId: 'i6', plan, initialOffer: { offerId: 'o6', agentId: 'a6', expiresAt: Date.now() + 60_000 } }],
    });
    await h.signal(offerDecided, { offerId: 'o6', outcome: 'accepted' });
    expect(await h.result()).toBe('abandoned');
    expect(calls).toEqual(['connectAgent', 'abandonUnconnected']);
    connectBehaviour = async () => 'connected';
  });
});
