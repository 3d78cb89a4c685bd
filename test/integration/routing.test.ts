import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { subscribeSse, type SseSubscription } from '../support/graphql-sse';
import { createAgent, createQueue, enqueue, newCustomer, ops, setPresence, type Agent, type OfferEvent } from '../support/routing-fixtures';
import { until } from '../support/until';

// The routing flow end to end: GraphQL → PostgreSQL → Temporal workflow (embedded dev server, real
// worker) → offer on the agent's live subscription → GraphQL decisions.
const t = useTestApi({ worker: true, env: { WRAP_UP_SECONDS: '1' } });
let sup: string;
const subs: SseSubscription<unknown>[] = [];

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
});
afterAll(() => subs.forEach((s) => s.close()));

async function watchOffers(agent: Agent): Promise<SseSubscription<OfferEvent>> {
  const sub = await subscribeSse<OfferEvent>(`${t.api.url}/graphql`, ops.offersSubscription, {}, agent.token);
  subs.push(sub as SseSubscription<unknown>);
  return sub;
}

const openOfferFor = (interactionId: string) => (e: OfferEvent) => e.offers.interaction.id === interactionId && e.offers.outcome === null;

async function interaction(id: string) {
  const res = await t.gql<{ interaction: { status: string; priority: number; queue: { name: string }; assignedAgent: { id: string } | null; events: { type: string }[]; messages: { direction: string; body: string }[] } }>(ops.interaction, { id }, sup);
  return res.data!.interaction;
}


describe('routing', () => {
  it('an unknown customer or queue is NotFoundError naming which, and nothing is written', async () => {
    const queueId = await createQueue(t, sup, { name: 'Checks', channels: ['WHATSAPP'] });
    const customerId = await newCustomer(t, sup);
    const count = async () => Number((await t.api.services.db.selectFrom('interactions').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const ghost = (type: string) => Buffer.from(`${type}:00000000-0000-4000-8000-000000000000`).toString('base64');
    const refusal = async (input: { customerId: string; queueId: string; channel: string }) =>
      (await t.gql<{ enqueueInteraction: { __typename: string; message?: string } }>(ops.enqueue, { input }, sup)).data!.enqueueInteraction;
    expect(await refusal({ customerId: ghost('Customer'), queueId, channel: 'WHATSAPP' })).toMatchObject({ __typename: 'NotFoundError', message: expect.stringMatching(/customer/i) });
    expect(await refusal({ customerId, queueId: ghost('Queue'), channel: 'WHATSAPP' })).toMatchObject({ __typename: 'NotFoundError', message: expect.stringMatching(/queue/i) });
    expect(await count()).toBe(before);
    expect(await t.api.services.db.selectFrom('workflow_starts').select('id').where('workflow_type', '=', 'interactionWorkflow').execute()).toHaveLength(0);
  });

  it('enqueue → offer on the agent’s subscription → accept → assigned → wrap-up closes by itself', async () => {
    const queueId = await createQueue(t, sup, { name: 'Sales', channels: ['VOICE', 'WHATSAPP'] });
    const agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { voice: 1 } });
    const offers = await watchOffers(agent);
    const customerId = await newCustomer(t, sup);
    const id = await enqueue(t, sup, { customerId, queueId, channel: 'VOICE' });

    const offered = await offers.next(openOfferFor(id));
    expect(offered.offers.interaction).toMatchObject({ channel: 'VOICE', status: 'OFFERED', queue: { name: 'Sales' } });

    const accepted = await t.gql<{ acceptOffer: { __typename: string; interaction: { status: string; assignedAgent: { id: string } } } }>(ops.accept, { id: offered.offers.id }, agent.token);
    expect(accepted.data?.acceptOffer).toMatchObject({ __typename: 'InteractionPayload', interaction: { status: 'ASSIGNED', assignedAgent: { id: agent.gid } } });
    await offers.next((e) => e.offers.id === offered.offers.id && e.offers.outcome === 'ACCEPTED');

    const wrap = await t.gql<{ wrapUpInteraction: { __typename: string } }>(
      'mutation($id: ID!) { wrapUpInteraction(input: { interactionId: $id }) { __typename } }', { id }, agent.token);
    expect(wrap.data?.wrapUpInteraction.__typename).toBe('InteractionPayload');
    const done = await until(() => interaction(id), (i) => i.status === 'CLOSED');
    expect(done.events.map((e) => e.type)).toEqual(['enqueued', 'offered', 'assigned', 'wrap_up', 'closed']);
  });

  it('re-offers to the next agent on decline and on expiry', async () => {
    const queueId = await createQueue(t, sup, { name: 'Support', channels: ['WHATSAPP'], offerTimeoutSeconds: 5 });
    const agents = [
      await createAgent(t, sup, { queueIds: [queueId], capacity: { whatsapp: 2 } }),
      await createAgent(t, sup, { queueIds: [queueId], capacity: { whatsapp: 2 } }),
      await createAgent(t, sup, { queueIds: [queueId], capacity: { whatsapp: 2 } }),
    ];
    const subsByAgent = await Promise.all(agents.map(watchOffers));
    const id = await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'WHATSAPP' });

    const firstIdx = await Promise.any(subsByAgent.map((s, i) => s.next(openOfferFor(id)).then(() => i)));
    const first = subsByAgent[firstIdx]!.events.find(openOfferFor(id))!;
    const declined = await t.gql<{ declineOffer: { __typename: string } }>(ops.decline, { id: first.offers.id }, agents[firstIdx]!.token);
    expect(declined.data?.declineOffer.__typename).toBe('InteractionPayload');

    const others = [0, 1, 2].filter((i) => i !== firstIdx);
    const secondIdx = await Promise.any(others.map((i) => subsByAgent[i]!.next(openOfferFor(id)).then(() => i)));
    const second = subsByAgent[secondIdx]!.events.find(openOfferFor(id))!;
    // Nobody answers: after the 5 s offer timeout it goes to the third agent.
    const thirdIdx = others.find((i) => i !== secondIdx)!;
    const thirdOffer = await subsByAgent[thirdIdx]!.next(openOfferFor(id), 12_000);
    expect(thirdOffer.offers.id).not.toBe(second.offers.id);
    const late = await t.gql<{ acceptOffer: { __typename: string } }>(ops.accept, { id: second.offers.id }, agents[secondIdx]!.token);
    expect(late.data?.acceptOffer.__typename).toBe('OfferAlreadyDecidedError');
    const events = (await interaction(id)).events.map((e) => e.type);
    expect(events.filter((e) => e === 'offered')).toHaveLength(3);
    expect(events).toContain('offer_declined');
    expect(events).toContain('offer_expired');
  });

  it('overflows to the overflow queue after its threshold and raises priority past the SLA', async () => {
    const backup = await createQueue(t, sup, { name: 'Backup', channels: ['VOICE'] });
    const primary = await createQueue(t, sup, { name: 'Primary', channels: ['VOICE'], slaTargetSeconds: 1, overflowQueueId: backup, overflowAfterSeconds: 2 });
    const agent = await createAgent(t, sup, { queueIds: [backup], capacity: { voice: 1 } });
    const offers = await watchOffers(agent);
    const id = await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId: primary, channel: 'VOICE' });
    const offered = await offers.next(openOfferFor(id), 12_000);
    expect(offered.offers.interaction.queue.name).toBe('Backup');
    const after = await interaction(id);
    expect(after.events.map((e) => e.type)).toEqual(expect.arrayContaining(['priority_raised', 'overflowed', 'offered']));
    expect(after.priority).toBe(1);
  });

  it('abandons a waiting interaction when the customer leaves, withdrawing its offer', async () => {
    const queueId = await createQueue(t, sup, { name: 'Billing', channels: ['VOICE'] });
    const agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { voice: 1 } });
    const offers = await watchOffers(agent);
    const id = await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'VOICE' });
    const offered = await offers.next(openOfferFor(id));
    const left = await t.gql<{ reportCustomerLeft: { interaction: { status: string } } }>(
      'mutation($id: ID!) { reportCustomerLeft(input: { interactionId: $id }) { ... on InteractionPayload { interaction { status } } } }', { id }, sup);
    expect(left.data?.reportCustomerLeft.interaction.status).toBe('ABANDONED');
    await offers.next((e) => e.offers.id === offered.offers.id && e.offers.outcome === 'CANCELLED');
    const refused = await t.gql<{ acceptOffer: { __typename: string } }>(ops.accept, { id: offered.offers.id }, agent.token);
    expect(refused.data?.acceptOffer.__typename).toBe('OfferAlreadyDecidedError');
    expect((await interaction(id)).status).toBe('ABANDONED');
  });

  it('transfers an assigned interaction to another queue, where the next agent gets it', async () => {
    const from = await createQueue(t, sup, { name: 'Tier 1', channels: ['WHATSAPP'] });
    const to = await createQueue(t, sup, { name: 'Tier 2', channels: ['WHATSAPP'] });
    const a = await createAgent(t, sup, { queueIds: [from], capacity: { whatsapp: 1 } });
    const b = await createAgent(t, sup, { queueIds: [to], capacity: { whatsapp: 1 } });
    const [aOffers, bOffers] = [await watchOffers(a), await watchOffers(b)];
    const id = await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId: from, channel: 'WHATSAPP' });
    await t.gql(ops.accept, { id: (await aOffers.next(openOfferFor(id))).offers.id }, a.token);

    const unknown = await t.gql<{ transferInteraction: { __typename: string } }>(
      'mutation($i: ID!, $q: ID!) { transferInteraction(input: { interactionId: $i, queueId: $q }) { __typename } }',
      { i: id, q: 'UXVldWU6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw' }, a.token);
    expect(unknown.data?.transferInteraction.__typename).toBe('NotFoundError');
    expect((await interaction(id)).status).toBe('ASSIGNED');

    const moved = await t.gql<{ transferInteraction: { interaction: { id: string } } }>(
      'mutation($i: ID!, $q: ID!) { transferInteraction(input: { interactionId: $i, queueId: $q }) { ... on InteractionPayload { interaction { id } } } }',
      { i: id, q: to }, a.token);
    expect(moved.errors, JSON.stringify(moved.errors)).toBeUndefined();
    const newId = moved.data!.transferInteraction.interaction.id;
    const offered = await bOffers.next(openOfferFor(newId));
    expect(offered.offers.interaction.queue.name).toBe('Tier 2');
    expect((await interaction(id)).status).toBe('TRANSFERRED');
  });

  it('never exceeds an agent’s capacity per channel', async () => {
    const queueId = await createQueue(t, sup, { name: 'Mixed', channels: ['VOICE', 'WHATSAPP'] });
    const agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { voice: 1, whatsapp: 2 } });
    const offers = await watchOffers(agent);
    const customer = await newCustomer(t, sup);
    const ids = [];
    for (const channel of ['VOICE', 'VOICE', 'WHATSAPP', 'WHATSAPP', 'WHATSAPP']) ids.push(await enqueue(t, sup, { customerId: customer, queueId, channel }));
    await until(async () => new Set(offers.events.filter((e) => e.offers.outcome === null).map((e) => e.offers.interaction.id)).size, (n) => n >= 3);
    await new Promise((r) => setTimeout(r, 1500)); // give any wrong extra offer time to show up
    const offeredIds = new Set(offers.events.filter((e) => e.offers.outcome === null).map((e) => e.offers.interaction.id));
    const byChannel = (c: string) => offers.events.filter((e) => e.offers.outcome === null && e.offers.interaction.channel === c).map((e) => e.offers.interaction.id);
    expect(new Set(byChannel('VOICE')).size).toBe(1);
    expect(new Set(byChannel('WHATSAPP')).size).toBe(2);
    expect(offeredIds.size).toBe(3);
    const viewer = await t.gql<{ viewer: { agent: { capacity: { channel: string; slots: number; used: number }[] } } }>(
      '{ viewer { agent { capacity { channel slots used } } } }', {}, agent.token);
    expect(viewer.data?.viewer.agent.capacity).toEqual([{ channel: 'VOICE', slots: 1, used: 1 }, { channel: 'WHATSAPP', slots: 2, used: 2 }]);
  });

  it('answers closed-hours contacts with the queue’s auto-reply', async () => {
    const queueId = await createQueue(t, sup, { name: 'Night', channels: ['VOICE', 'WHATSAPP'], businessHours: {}, closedAutoReply: 'Abrimos a las 9:00.' });
    const wa = await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'WHATSAPP' });
    const call = await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'VOICE' });
    const waDone = await until(() => interaction(wa), (i) => i.events.some((e) => e.type === 'closed_hours'));
    expect(waDone.messages).toEqual([{ direction: 'outbound', body: 'Abrimos a las 9:00.' }]);
    expect(waDone.status).toBe('QUEUED');
    expect((await until(() => interaction(call), (i) => i.status === 'CLOSED')).events.map((e) => e.type)).toContain('closed_hours');
  });
});

describe('refusals leave state unchanged', () => {
  it('someone else’s offer, an expired offer, presence by a non-agent', async () => {
    const queueId = await createQueue(t, sup, { name: 'Refusals', channels: ['VOICE'] });
    const agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { voice: 1 } });
    const other = await createAgent(t, sup, { queueIds: [], capacity: { voice: 1 } });
    const offers = await watchOffers(agent);
    const id = await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'VOICE' });
    const offered = await offers.next(openOfferFor(id));

    const stolen = await t.gql<{ acceptOffer: { __typename: string; message: string } }>(ops.accept, { id: offered.offers.id }, other.token);
    expect(stolen.data?.acceptOffer).toEqual({ __typename: 'NotYourOfferError', message: 'This offer was made to another agent.' });
    expect((await interaction(id)).status).toBe('OFFERED');

    const notAgent = await t.gql<{ setPresence: { __typename: string } }>(ops.setPresence, { status: 'AVAILABLE' }, sup);
    expect(notAgent.data?.setPresence.__typename).toBe('NotAnAgentError');

    // Expire it directly in the database clock's past: accepting now is refused as expired.
    await t.api.services.db.updateTable('offers').set({ expires_at: new Date(Date.now() - 1000), created_at: new Date(Date.now() - 2000) }).where('outcome', 'is', null).where('agent_id', '=', agent.userId).execute();
    const expired = await t.gql<{ acceptOffer: { __typename: string } }>(ops.accept, { id: offered.offers.id }, agent.token);
    expect(['OfferExpiredError', 'OfferAlreadyDecidedError']).toContain(expired.data?.acceptOffer.__typename);
    expect((await interaction(id)).assignedAgent).toBeNull();
    await setPresence(t.gql, agent.token, 'OFFLINE');
  });
});

describe('customer messages', () => {
  it('are stored once per provider id and land on the customer’s open interaction, which its workflow routes', async () => {
    const queueId = await createQueue(t, sup, { name: 'Inbox', channels: ['WHATSAPP'] });
    const agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { whatsapp: 1 } });
    const offers = await watchOffers(agent);
    const customerId = Buffer.from(await newCustomer(t, sup), 'base64').toString().split(':')[1]!;
    const raw = (await t.api.services.db.selectFrom('queues').select('id').where('name', '=', 'Inbox').executeTakeFirstOrThrow()).id;
    const deliver = (sid: string, body: string) =>
      t.api.services.routing.receiveMessage({
        customerId,
        channel: 'whatsapp',
        queueId: raw,
        message: { body, provider: 'twilio', provider_message_id: sid, agent_id: null, media: null, location: null, delivery_status: 'received', error_code: null },
      });
    const first = await Promise.all([deliver('SM1', 'Hola'), deliver('SM1', 'Hola'), deliver('SM1', 'Hola')]);
    expect(first.filter((r) => r.duplicate)).toHaveLength(2);
    const second = await deliver('SM2', '¿Seguís ahí?');
    const ids = new Set([...first, second].map((r) => ('interaction' in r ? r.interaction.id : 'message' in r ? r.message.interaction_id : null)));
    expect(ids.size).toBe(1);
    const [interactionId] = [...ids];
    const offered = await offers.next((e) => e.offers.outcome === null);
    expect(Buffer.from(offered.offers.interaction.id, 'base64').toString()).toBe(`Interaction:${interactionId}`);
    const messages = await t.api.services.db.selectFrom('messages').select('body').where('interaction_id', '=', interactionId!).orderBy('created_at').execute();
    expect(messages.map((m) => m.body)).toEqual(['Hola', '¿Seguís ahí?']);
  });
});

describe('a missed offer never strands the customer', () => {
  const viewerPresence = async (agent: Agent) =>
    (await t.gql<{ viewer: { agent: { presence: { status: string; reason: string | null } } } }>('{ viewer { agent { presence { status reason } } } }', {}, agent.token)).data!.viewer.agent.presence;

  it('one agent: the expired WhatsApp offer comes back to them; after 2 missed in a row they are set away, and told why', async () => {
    const queueId = await createQueue(t, sup, { name: 'Solo WhatsApp', channels: ['WHATSAPP'], offerTimeoutSeconds: 5 });
    const agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { whatsapp: 1 } });
    const offers = await watchOffers(agent);
    const id = await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'WHATSAPP' });

    const first = await offers.next(openOfferFor(id));
    await offers.next((e) => e.offers.id === first.offers.id && e.offers.outcome === 'EXPIRED', 15_000);
    // Nobody else is free: the same agent is offered it again instead of the customer waiting.
    const second = await offers.next((e) => openOfferFor(id)(e) && e.offers.id !== first.offers.id, 15_000);
    expect(await viewerPresence(agent)).toEqual({ status: 'AVAILABLE', reason: null });

    await offers.next((e) => e.offers.id === second.offers.id && e.offers.outcome === 'EXPIRED', 15_000);
    const away = await until(() => viewerPresence(agent), (p) => p.status === 'AWAY');
    expect(away).toEqual({ status: 'AWAY', reason: 'MISSED_OFFERS' });
    const waiting = await interaction(id);
    expect(waiting.status).toBe('QUEUED');
    expect(waiting.events.map((e) => e.type)).toEqual(['enqueued', 'offered', 'offer_expired', 'offered', 'offer_expired']);

    // Back at the desk: the notice goes and the customer is offered to them at once.
    await setPresence(t.gql, agent.token, 'AVAILABLE');
    expect(await viewerPresence(agent)).toEqual({ status: 'AVAILABLE', reason: null });
    const third = await offers.next((e) => openOfferFor(id)(e) && ![first.offers.id, second.offers.id].includes(e.offers.id));
    const accepted = await t.gql<{ acceptOffer: { __typename: string } }>(ops.accept, { id: third.offers.id }, agent.token);
    expect(accepted.data?.acceptOffer.__typename).toBe('InteractionPayload');
  });

  it('a supervisor assigns a queued contact to a chosen agent: an offer they accept; refusals are typed', async () => {
    const queueId = await createQueue(t, sup, { name: 'Unstaffed', channels: ['WHATSAPP', 'VOICE'] });
    const away = await createAgent(t, sup, { queueIds: [], capacity: { whatsapp: 1 }, available: false });
    const full = await createAgent(t, sup, { queueIds: [], capacity: { voice: 1 } });
    const chosen = await createAgent(t, sup, { queueIds: [], capacity: { whatsapp: 1 } });
    const offers = await watchOffers(chosen);
    const id = await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'WHATSAPP' });
    expect((await interaction(id)).status).toBe('QUEUED');

    const assign = async (agentId: string, token = sup) =>
      (
        await t.gql<{ assignInteraction: { __typename: string; message?: string; interaction?: { status: string } } }>(
          'mutation($i: ID!, $a: ID!) { assignInteraction(input: { interactionId: $i, agentId: $a }) { __typename ... on Error { message } ... on InteractionPayload { interaction { status } } } }',
          { i: id, a: agentId },
          token,
        )
      ).data?.assignInteraction;
    expect((await assign(away.gid))?.__typename).toBe('AgentUnavailableError');
    expect((await assign(full.gid))?.__typename).toBe('AgentAtCapacityError');
    expect(await assign(chosen.gid, chosen.token)).toBeUndefined(); // agents may not
    expect((await interaction(id)).status).toBe('QUEUED');

    expect(await assign(chosen.gid)).toEqual({ __typename: 'InteractionPayload', interaction: { status: 'OFFERED' } });
    const offered = await offers.next(openOfferFor(id));
    expect((await assign(chosen.gid))?.__typename).toBe('AlreadyOfferedError');
    const accepted = await t.gql<{ acceptOffer: { __typename: string } }>(ops.accept, { id: offered.offers.id }, chosen.token);
    expect(accepted.data?.acceptOffer.__typename).toBe('InteractionPayload');
    expect((await assign(away.gid))?.__typename).toBe('InteractionStateError');
    const done = await interaction(id);
    expect(done).toMatchObject({ status: 'ASSIGNED', assignedAgent: { id: chosen.gid } });
    expect(done.events.map((e) => e.type)).toEqual(['enqueued', 'offered', 'assigned']);
  });
});
