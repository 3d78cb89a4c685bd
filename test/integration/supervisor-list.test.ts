import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { until } from '../support/until';
import { createAgent, createQueue, enqueue, newCustomer } from '../support/routing-fixtures';

const t = useTestApi({ worker: true });
let sup: string;
beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
});

type Page = { interactions: { edges: { node: { id: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
const list = `query($first: Int, $after: String, $order: InteractionOrder, $q: ID) {
  interactions(first: $first, after: $after, order: $order, filter: { queueId: $q, statuses: [QUEUED, OFFERED, ASSIGNED, WRAP_UP] }) {
    edges { node { id status } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const stats = `query($id: ID!) { node(id: $id) { ... on Queue { stats { waiting waitingPastTarget slaTargetSeconds } } } }`;

describe('the supervisor’s live list', () => {
  it('puts the longest wait first, pages, and counts contacts waiting past the queue’s target', async () => {
    const queueId = await createQueue(t, sup, { name: 'Longest first', channels: ['WEBCHAT'], slaTargetSeconds: 1 });
    const agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { webchat: 1 } });
    const held = await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'WEBCHAT' });
    // The agent's only slot goes to the first contact; they accept it, so the others wait.
    const offer = await until(
      () => t.gql<{ myOffers: { id: string }[] }>('{ myOffers { id } }', {}, agent.token),
      (r) => (r.data?.myOffers.length ?? 0) === 1,
    );
    await t.gql('mutation($id: ID!) { acceptOffer(input: { offerId: $id }) { __typename } }', { id: offer.data!.myOffers[0]!.id }, agent.token);
    const waiting = [];
    for (let i = 0; i < 3; i++) waiting.push(await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'WEBCHAT' }));

    const longest = await t.gql<Page>(list, { order: 'LONGEST_WAITING_FIRST', q: queueId }, sup);
    expect(longest.data!.interactions.edges.map((e) => e.node.id)).toEqual([...waiting, held]);
    // Integrators who ask nothing keep the newest first.
    const newest = await t.gql<Page>(list, { q: queueId }, sup);
    expect(newest.data!.interactions.edges.map((e) => e.node.id)).toEqual([...waiting].reverse().concat(held));

    const first = await t.gql<Page>(list, { order: 'LONGEST_WAITING_FIRST', q: queueId, first: 3 }, sup);
    expect(first.data!.interactions.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql<Page>(list, { order: 'LONGEST_WAITING_FIRST', q: queueId, first: 3, after: first.data!.interactions.pageInfo.endCursor }, sup);
    expect(second.data!.interactions.edges.map((e) => e.node.id)).toEqual([held]);
    expect(second.data!.interactions.pageInfo.hasNextPage).toBe(false);

    // The target is one second: the three waiting contacts pass it; the accepted one is not waiting.
    const past = await until(
      () => t.gql<{ node: { stats: { waiting: number; waitingPastTarget: number } } }>(stats, { id: queueId }, sup),
      (r) => r.data?.node.stats.waitingPastTarget === 3,
    );
    expect(past.data!.node.stats.waiting).toBe(3);
  });

  it('answers every request with its id (the one its logs carry): the caller’s X-Request-Id, else a new one', async () => {
    const asked = await fetch(`${t.api.url}/health`, { headers: { 'x-request-id': 'proxy-req-12345' } });
    expect(asked.headers.get('x-request-id')).toBe('proxy-req-12345');
    const fresh = await fetch(`${t.api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
