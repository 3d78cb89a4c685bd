import type { TestApi } from './api';

type Gql = TestApi['gql'];

/** Operations the routing tests share, written once. */
export const ops = {
  createQueue: `mutation($input: CreateQueueInput!) { createQueue(input: $input) { __typename ... on QueuePayload { queue { id name } } ... on Error { message } } }`,
  saveAgent: `mutation($input: AgentSettingsInput!) { saveAgent(input: $input) { __typename ... on Error { message } } }`,
  setPresence: `mutation($status: PresenceStatus!) { setPresence(input: { status: $status }) { __typename ... on Error { message } ... on PresencePayload { agent { presence { status } } } } }`,
  identify: `mutation($value: String!) { identifyCustomer(input: { kind: PHONE, value: $value }) { ... on IdentifyCustomerPayload { customer { id } } } }`,
  enqueue: `mutation($input: EnqueueInteractionInput!) { enqueueInteraction(input: $input) { __typename ... on InteractionPayload { interaction { id status } } ... on Error { message } } }`,
  accept: `mutation($id: ID!) { acceptOffer(input: { offerId: $id }) { __typename ... on InteractionPayload { interaction { id status assignedAgent { id } } } ... on Error { message } } }`,
  decline: `mutation($id: ID!) { declineOffer(input: { offerId: $id }) { __typename ... on InteractionPayload { interaction { id status } } ... on Error { message } } }`,
  interaction: `query($id: ID!) { interaction(id: $id) { id status priority queue { id name } assignedAgent { id } events { type } messages { direction body } } }`,
  offersSubscription: `subscription { offers { id outcome expiresAt interaction { id channel status queue { name } customer { id } } } }`,
};

export interface OfferEvent {
  offers: { id: string; outcome: string | null; expiresAt: string; interaction: { id: string; channel: string; status: string; queue: { name: string } } };
}

export interface Agent {
  token: string;
  userId: string;
  /** Global id of the agent's user. */
  gid: string;
}

async function must<T>(promise: Promise<{ data?: T; errors?: unknown }>): Promise<T> {
  const res = await promise;
  if (!res.data || res.errors) throw new Error(`GraphQL failed: ${JSON.stringify(res)}`);
  return res.data;
}

export async function createQueue(t: TestApi, supervisorToken: string, input: Record<string, unknown>): Promise<string> {
  const data = await must<{ createQueue: { __typename: string; queue?: { id: string }; message?: string } }>(t.gql(ops.createQueue, { input }, supervisorToken));
  if (!data.createQueue.queue) throw new Error(`createQueue: ${data.createQueue.message}`);
  return data.createQueue.queue.id;
}

/** Signs a new agent in, gives them queues and capacity, and (unless told otherwise) makes them available. */
export async function createAgent(
  t: TestApi,
  supervisorToken: string,
  opts: { queueIds: string[]; capacity: Record<string, number>; skills?: Record<string, number>; available?: boolean },
): Promise<Agent> {
  const { token, userId } = await t.signIn('agent');
  const viewer = await must<{ viewer: { id: string } }>(t.gql('{ viewer { id } }', {}, token));
  const data = await must<{ saveAgent: { __typename: string; message?: string } }>(
    t.gql(ops.saveAgent, {
      input: {
        userId: viewer.viewer.id,
        queueIds: opts.queueIds,
        skills: Object.entries(opts.skills ?? {}).map(([skill, level]) => ({ skill, level })),
        capacity: Object.entries(opts.capacity).map(([channel, slots]) => ({ channel: channel.toUpperCase(), slots })),
      },
    }, supervisorToken),
  );
  if (data.saveAgent.__typename !== 'PresencePayload') throw new Error(`saveAgent: ${data.saveAgent.message}`);
  if (opts.available !== false) await setPresence(t.gql, token, 'AVAILABLE');
  return { token, userId, gid: viewer.viewer.id };
}

export async function setPresence(gql: Gql, token: string, status: string): Promise<void> {
  const data = await must<{ setPresence: { __typename: string; message?: string } }>(gql(ops.setPresence, { status }, token));
  if (data.setPresence.__typename !== 'PresencePayload') throw new Error(`setPresence: ${data.setPresence.message}`);
}

let phone = 600_100_000;
export async function newCustomer(t: TestApi, token: string): Promise<string> {
  const data = await must<{ identifyCustomer: { customer: { id: string } } }>(t.gql(ops.identify, { value: `+34 ${phone++}` }, token));
  return data.identifyCustomer.customer.id;
}

export async function enqueue(t: TestApi, token: string, input: { customerId: string; queueId: string; channel: string; subject?: string }): Promise<string> {
  const data = await must<{ enqueueInteraction: { __typename: string; interaction?: { id: string }; message?: string } }>(t.gql(ops.enqueue, { input }, token));
  if (!data.enqueueInteraction.interaction) throw new Error(`enqueue: ${data.enqueueInteraction.message}`);
  return data.enqueueInteraction.interaction.id;
}
