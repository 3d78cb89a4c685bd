import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeSse, type SseSubscription } from '../support/graphql-sse';
import { createAgent, createQueue, ops, type Agent, type OfferEvent } from '../support/routing-fixtures';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, voiceNumber } from '../support/twilio/stack';
import { closedPort, startSilentServer } from '../support/unreachable';
import { until } from '../support/until';

// Bridging a call when Twilio cannot be reached (issue 13, item 2): the redirect is retried a
// bounded number of times, then the caller goes back to the queue and the agent is told and freed;
// a caller who hangs up while the bridge is still being tried ends the call as abandoned.
const t = useTwilioTestApi();
let sup: string;
let agent: Agent;
const subs: SseSubscription<unknown>[] = [];

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
  const phones = await createQueue(t, sup, { name: 'Phones', channels: ['VOICE'] });
  agent = await createAgent(t, sup, { queueIds: [phones], capacity: { voice: 1 } });
});
afterAll(() => {
  subs.forEach((s) => s.close());
  t.twilio.divertTo = null;
});

const rawId = (gid: string) => Buffer.from(gid, 'base64').toString().split(':')[1]!;
const gidOf = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const db = () => t.api.services.db;

async function watch<T>(query: string, variables: Record<string, unknown>, token: string) {
  const sub = await subscribeSse<T>(`${t.api.url}/graphql`, query, variables, token);
  subs.push(sub as SseSubscription<unknown>);
  return sub;
}

const call = (callSid: string, from: string) =>
  postSigned(t.url('/webhooks/twilio/voice'), { CallSid: callSid, AccountSid: testAccountSid, From: from, To: voiceNumber, CallStatus: 'ringing', Direction: 'inbound' });
const callStatus = (callSid: string, from: string, status: string) =>
  postSigned(t.url('/webhooks/twilio/voice/status'), { CallSid: callSid, AccountSid: testAccountSid, From: from, To: voiceNumber, CallStatus: status, CallDuration: '3' });
const interactionsOf = (callSid: string) =>
  db().selectFrom('interactions').selectAll().where('channel', '=', 'voice').where((eb) => eb(eb.ref('context', '->>').key('callSid' as never), '=', callSid)).orderBy('created_at').execute();
const interactionById = (id: string) => db().selectFrom('interactions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = (id: string) => db().selectFrom('interaction_events').select(['type', 'data']).where('interaction_id', '=', id).orderBy('id').execute();

describe('bridging a call while Twilio cannot be reached', () => {
  it('a bridge that keeps failing puts the caller back in the queue, frees the agent and tells them; it connects once Twilio is back', async () => {
    const offers = await watch<OfferEvent>(ops.offersSubscription, {}, agent.token);
    const callSid = sid('CA');
    const caller = '+34699222111';
    await call(callSid, caller);
    const [first] = await interactionsOf(callSid);
    const offered = await offers.next((e) => rawId(e.offers.interaction.id) === first!.id && e.offers.outcome === null);
    const updates = await watch<{ interactionUpdated: { status: string } }>('subscription($id: ID!) { interactionUpdated(id: $id) { status } }', { id: gidOf('Interaction', first!.id) }, agent.token);

    t.twilio.divertTo = `http://127.0.0.1:${await closedPort()}`;
    const before = t.twilio.unanswered.length;
    const accepted = await t.gql<{ acceptOffer: { __typename: string } }>(ops.accept, { id: offered.offers.id }, agent.token);
    expect(accepted.data?.acceptOffer.__typename).toBe('InteractionPayload');

    // Bounded: a handful of attempts, then the interaction ends and a new one waits for the caller.
    const ended = await until(() => interactionById(first!.id), (i) => i.status === 'transferred', 60_000);
    const attempts = t.twilio.unanswered.slice(before).filter((r) => r.path.endsWith(`/Calls/${callSid}.json`));
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect(attempts.length).toBeLessThanOrEqual(5);
    expect(attempts.every((a) => a.code === 'ECONNREFUSED')).toBe(true);
    expect(ended.assigned_agent_id).toBe(agent.userId);

    // The agent is told: a timeline event with the reason, and the subscription announces the change.
    const timeline = await events(first!.id);
    expect(timeline.map((e) => e.type)).toEqual(['enqueued', 'offered', 'assigned', 'call_bridge_failed', 'transferred']);
    expect(timeline[3]!.data).toMatchObject({ agentId: agent.userId, reason: expect.stringContaining('Twilio could not be reached') });
    await updates.next((e) => e.interactionUpdated.status === 'TRANSFERRED');

    // Re-queued, and the agent's only voice slot is free again: the same agent is offered the caller.
    const [, second] = await until(() => interactionsOf(callSid), (l) => l.length === 2);
    expect(second).toMatchObject({ transferred_from_id: first!.id, queue_id: first!.queue_id });
    const again = await offers.next((e) => rawId(e.offers.interaction.id) === second!.id && e.offers.outcome === null);

    // Twilio is back: this time the caller is put through.
    t.twilio.divertTo = null;
    const sentBefore = t.twilio.sent.length;
    await t.gql(ops.accept, { id: again.offers.id }, agent.token);
    await until(() => events(second!.id), (e) => e.some((x) => x.type === 'call_bridged'));
    expect(t.twilio.sent.slice(sentBefore).filter((r) => r.path.endsWith(`/Calls/${callSid}.json`)).map((r) => r.status)).toEqual([200]);

    // The caller hangs up after talking: wrap-up, as for any bridged call.
    expect((await callStatus(callSid, caller, 'completed')).status).toBe(200);
    await until(() => interactionById(second!.id), (i) => i.status === 'wrap_up' || i.status === 'closed');
    await until(() => interactionById(second!.id), (i) => i.status === 'closed');
  }, 90_000);

  it('the caller hangs up while the bridge is still being tried: abandoned, and the agent is free at once', async () => {
    // Twilio accepts the connection and says nothing: the redirect hangs on its own timeout.
    const silent = await startSilentServer();
    try {
      const offers = await watch<OfferEvent>(ops.offersSubscription, {}, agent.token);
      const callSid = sid('CA');
      const caller = '+34699222333';
      await call(callSid, caller);
      const [interaction] = await interactionsOf(callSid);
      const offered = await offers.next((e) => rawId(e.offers.interaction.id) === interaction!.id && e.offers.outcome === null);
      t.twilio.divertTo = silent.url;
      await t.gql(ops.accept, { id: offered.offers.id }, agent.token);
      // The redirect is under way (Twilio holds the request) when the caller gives up.
      await until(() => silent.connections(), (n) => n > 0);
      expect((await callStatus(callSid, caller, 'completed')).status).toBe(200);
      const abandoned = await until(() => interactionById(interaction!.id), (i) => i.status !== 'assigned', 30_000);
      expect(abandoned.status).toBe('abandoned');
      expect((await events(interaction!.id)).map((e) => e.type)).toEqual(['enqueued', 'offered', 'assigned', 'abandoned']);
      const load = await db()
        .selectFrom('interactions')
        .select('id')
        .where('assigned_agent_id', '=', agent.userId)
        .where('status', 'in', ['assigned', 'wrap_up'])
        .where('channel', '=', 'voice')
        .execute();
      expect(load).toEqual([]);

      // Free: the next caller is offered to the same agent.
      t.twilio.divertTo = null;
      const next = sid('CA');
      await call(next, '+34699222444');
      const [waiting] = await interactionsOf(next);
      await offers.next((e) => rawId(e.offers.interaction.id) === waiting!.id && e.offers.outcome === null);
      expect((await callStatus(next, '+34699222444', 'completed')).status).toBe(200);
    } finally {
      t.twilio.divertTo = null;
      await silent.stop();
    }
  }, 60_000);
});
