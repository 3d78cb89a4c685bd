import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppPubSub } from '@cc/api/pubsub';
import { useTestApi } from '../support/api';
import { subscribeSse } from '../support/graphql-sse';
import { until } from '../support/until';
import { createAgent, createQueue, enqueue, newCustomer, ops, setPresence, type OfferEvent } from '../support/routing-fixtures';

const t = useTestApi({ worker: true });
let sup: string;
beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
});

describe('subscriptions over WebSocket (graphql-ws)', () => {
  it('deliver the agent’s offers and refuse a connection without credentials', async () => {
    const queueId = await createQueue(t, sup, { name: 'WS', channels: ['WEBCHAT'] });
    const agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { webchat: 1 } });
    const url = t.api.url.replace('http', 'ws') + '/graphql';
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${agent.token}` }, retryAttempts: 0 });
    const received: { offers: { outcome: string | null; interaction: { channel: string } } }[] = [];
    const done = new Promise<void>((ok, fail) => {
      client.subscribe<(typeof received)[number]>(
        { query: 'subscription { offers { outcome interaction { channel } } }' },
        { next: (v) => { if (v.data) received.push(v.data); ok(); }, error: fail, complete: () => {} },
      );
    });
    await new Promise((r) => setTimeout(r, 200)); // subscribed before the contact arrives
    await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'WEBCHAT' });
    await done;
    expect(received[0]?.offers).toEqual({ outcome: null, interaction: { channel: 'WEBCHAT' } });
    await client.dispose();

    const anonymous = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 });
    const error = await new Promise<unknown>((ok) => {
      anonymous.subscribe({ query: 'subscription { offers { outcome } }' }, { next: (v) => ok(v.errors), error: ok, complete: () => ok(null) });
    });
    expect(JSON.stringify(error)).toMatch(/Sign in/);
    await anonymous.dispose();
  });

  it('tell supervisors when an agent’s presence changes (agentsUpdated), and refuse agents', async () => {
    const queueId = await createQueue(t, sup, { name: 'WS agents', channels: ['WEBCHAT'] });
    const agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { webchat: 1 } });
    const url = t.api.url.replace('http', 'ws') + '/graphql';
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${sup}` }, retryAttempts: 0 });
    type AgentEvent = { agentsUpdated: { user: { id: string }; presence: { status: string }; occupancy: number | null } };
    const changed = new Promise<AgentEvent['agentsUpdated']>((ok, fail) => {
      client.subscribe<AgentEvent>(
        { query: 'subscription { agentsUpdated { user { id } presence { status } occupancy } }' },
        {
          next: (v) => {
            const a = v.data?.agentsUpdated;
            if (a?.user.id === agent.gid && a.presence.status === 'AVAILABLE') subscribed();
            else if (a?.user.id === agent.gid) ok(a);
            else if (v.errors) fail(new Error(JSON.stringify(v.errors)));
          },
          error: fail,
          complete: () => {},
        },
      );
    });
    // The stream starts with every agent as they are now: once ours arrived, the change is seen.
    let subscribed!: () => void;
    await new Promise<void>((ok) => (subscribed = ok));
    await setPresence(t.gql, agent.token, 'AWAY');
    // As it is now: away, after a stretch available with nothing handled today.
    expect(await changed).toEqual({ user: { id: agent.gid }, presence: { status: 'AWAY' }, occupancy: 0 });
    await client.dispose();

    const asAgent = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${agent.token}` }, retryAttempts: 0 });
    const refused = await new Promise<unknown>((ok) => {
      asAgent.subscribe({ query: 'subscription { agentsUpdated { user { id } } }' }, { next: (v) => ok(v.errors), error: ok, complete: () => ok(null) });
    });
    expect(JSON.stringify(refused)).toMatch(/permission/);
    await asAgent.dispose();
  });
});

describe('live views start from the current state (SSE)', () => {
  type Stats = { queueStats: { queue: { id: string }; waiting: number; waitingPastTarget: number } };
  const statsQuery = 'subscription($q: ID) { queueStats(queueId: $q) { queue { id } waiting waitingPastTarget } }';

  it('send queue figures, agents, push figures and open offers first, before any change', async () => {
    const queueId = await createQueue(t, sup, { name: 'Start here', channels: ['WEBCHAT'] });
    const agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { webchat: 1 } });
    await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'WEBCHAT' });
    await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'WEBCHAT' });
    // One offered to the agent (their only slot), one still queued.
    const offered = await until(
      () => t.gql<{ myOffers: { id: string }[] }>('{ myOffers { id } }', {}, agent.token),
      (r) => (r.data?.myOffers.length ?? 0) === 1,
    );
    const url = `${t.api.url}/graphql`;

    const one = await subscribeSse<Stats>(url, statsQuery, { q: queueId }, sup);
    expect((await one.next()).queueStats).toEqual({ queue: { id: queueId }, waiting: 2, waitingPastTarget: 0 });
    one.close();

    const all = await subscribeSse<Stats>(url, statsQuery, {}, sup);
    const ours = await all.next((e) => e.queueStats.queue.id === queueId);
    expect(ours.queueStats.waiting).toBe(2);
    all.close();

    const agents = await subscribeSse<{ agentsUpdated: { user: { id: string }; presence: { status: string } } }>(url, 'subscription { agentsUpdated { user { id } presence { status } } }', {}, sup);
    expect((await agents.next((e) => e.agentsUpdated.user.id === agent.gid)).agentsUpdated.presence.status).toBe('AVAILABLE');
    agents.close();

    const push = await subscribeSse<{ pushFiguresUpdated: { pushes: number } }>(url, 'subscription { pushFiguresUpdated { pushes } }', {}, sup);
    expect((await push.next()).pushFiguresUpdated).toEqual({ pushes: 0 });
    push.close();

    const offers = await subscribeSse<OfferEvent>(url, ops.offersSubscription, {}, agent.token);
    const first = await offers.next();
    expect(first.offers).toMatchObject({ id: offered.data!.myOffers[0]!.id, outcome: null, interaction: { channel: 'WEBCHAT' } });
    offers.close();
  });
});

// Fan-out across API replicas and workers goes through Redis when REDIS_URL is set.
describe.skipIf(!process.env.REDIS_URL)('pub/sub over Redis', () => {
  const a = createAppPubSub(process.env.REDIS_URL);
  const b = createAppPubSub(process.env.REDIS_URL);
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('delivers an event published by one process to a subscriber in another', async () => {
    expect(a.transport).toBe('redis');
    const agentId = `agent-${Date.now()}`;
    const iterator = b.pubsub.subscribe('offers', agentId)[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((r) => setTimeout(r, 200)); // the SUBSCRIBE reached Redis
    a.pubsub.publish('offers', agentId, { offerId: 'o-1' });
    expect((await next).value).toEqual({ offerId: 'o-1' });
    await iterator.return?.();
  });
});
