import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeSse, type SseSubscription } from '../support/graphql-sse';
import { createAgent, createQueue, enqueue, newCustomer, ops, type Agent, type OfferEvent } from '../support/routing-fixtures';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi } from '../support/twilio/stack';
import { until } from '../support/until';

// Hold and resume: the caller's live call is redirected (REST, through the SDK, checked against
// Twilio's contract by Prism) to looped hold music, then back to the same agent's softphone.
const t = useTwilioTestApi();
let sup: string;
let agent: Agent;
let chatQueue: string;
const subs: SseSubscription<unknown>[] = [];
const xml = '<?xml version="1.0" encoding="UTF-8"?>';

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
  const phones = await createQueue(t, sup, { name: 'Phones', channels: ['VOICE'] });
  chatQueue = await createQueue(t, sup, { name: 'Chat', channels: ['WEBCHAT'] });
  agent = await createAgent(t, sup, { queueIds: [phones, chatQueue], capacity: { voice: 1, webchat: 1 } });
});
afterAll(() => subs.forEach((s) => s.close()));

const rawId = (gid: string) => Buffer.from(gid, 'base64').toString().split(':')[1]!;
const gidOf = (id: string) => Buffer.from(`Interaction:${id}`).toString('base64');
const identityOf = (userId: string) => `agent_${userId.replace(/-/g, '')}`;
const events = async (id: string) => (await t.api.services.db.selectFrom('interaction_events').select('type').where('interaction_id', '=', id).orderBy('id').execute()).map((e) => e.type);

type HoldAnswer = { holdCall: { __typename: string; message?: string; interaction?: { id: string; onHold: boolean } } };
const holdCall = async (interactionId: string, onHold: boolean, token: string) =>
  (await t.gql<HoldAnswer>(
    'mutation($input: HoldCallInput!) { holdCall(input: $input) { __typename ... on InteractionPayload { interaction { id onHold } } ... on Error { message } } }',
    { input: { interactionId: gidOf(interactionId), onHold } },
    token,
  )).data!.holdCall;

async function watchOffers(a: Agent) {
  const sub = await subscribeSse<OfferEvent>(`${t.api.url}/graphql`, ops.offersSubscription, {}, a.token);
  subs.push(sub as SseSubscription<unknown>);
  return sub;
}

/** A signed inbound call, offered to and accepted by `agent`, bridged to their softphone. */
async function answeredCall(caller: string) {
  const offers = await watchOffers(agent);
  const callSid = sid('CA');
  await postSigned(t.url('/webhooks/twilio/voice'), { CallSid: callSid, AccountSid: testAccountSid, From: caller, To: t.config.TWILIO_VOICE_NUMBERS[0]!.number, CallStatus: 'ringing', Direction: 'inbound' });
  const offered = await offers.next((e) => e.offers.interaction.channel === 'VOICE' && e.offers.outcome === null);
  const interactionId = rawId(offered.offers.interaction.id);
  const before = t.twilio.sent.length;
  await t.gql(ops.accept, { id: offered.offers.id }, agent.token);
  await until(async () => t.twilio.sent.length, (n) => n > before);
  await until(() => events(interactionId), (e) => e.includes('call_bridged'));
  return { callSid, interactionId };
}

describe('holding a call', () => {
  it('hold → caller redirected to hold music (the agent leg ending keeps them there) → resume re-bridges the same agent → timeline', async () => {
    const { callSid, interactionId } = await answeredCall('+34699222111');
    const live = await subscribeSse<{ interactionUpdated: { onHold: boolean } }>(
      `${t.api.url}/graphql`,
      'subscription($id: ID!) { interactionUpdated(id: $id) { onHold } }',
      { id: gidOf(interactionId) },
      agent.token,
    );
    subs.push(live as SseSubscription<unknown>);

    let before = t.twilio.sent.length;
    expect(await holdCall(interactionId, true, agent.token)).toEqual({ __typename: 'InteractionPayload', interaction: { id: gidOf(interactionId), onHold: true } });
    const held = t.twilio.sent.slice(before);
    // One Calls update, accepted by the contract mock (it answers 422 to an invalid request).
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${testAccountSid}/Calls/${callSid}.json`, status: 200 });
    const holdMusic = `${xml}<Response><Say language="es-ES">Le dejamos en espera un momento, no cuelgue.</Say><Play loop="0">${t.config.TWILIO_HOLD_MUSIC_URL}</Play></Response>`;
    expect(formFields(held[0]!)).toEqual({ Twiml: holdMusic });
    await live.next((e) => e.interactionUpdated.onHold === true);

    // The redirect ended the agent's leg: Twilio asks the dial action what next; the caller stays on hold.
    const ended = await postSigned(t.url(`/webhooks/twilio/voice/dial-ended?interactionId=${interactionId}`), { CallSid: callSid, AccountSid: testAccountSid, DialCallStatus: 'completed' });
    expect(ended.text).toBe(holdMusic);
    const row = await t.api.services.db.selectFrom('interactions').selectAll().where('id', '=', interactionId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'assigned', assigned_agent_id: agent.userId });

    // Asking again changes nothing and sends nothing.
    before = t.twilio.sent.length;
    expect((await holdCall(interactionId, true, agent.token)).interaction).toEqual({ id: gidOf(interactionId), onHold: true });
    expect(t.twilio.sent.length).toBe(before);

    expect(await holdCall(interactionId, false, agent.token)).toEqual({ __typename: 'InteractionPayload', interaction: { id: gidOf(interactionId), onHold: false } });
    const resumed = t.twilio.sent.slice(before);
    expect(resumed).toHaveLength(1);
    expect(resumed[0]).toMatchObject({ path: `/2010-04-01/Accounts/${testAccountSid}/Calls/${callSid}.json`, status: 200 });
    // The same agent again; the parameter lets their softphone answer this leg by itself.
    expect(formFields(resumed[0]!)).toEqual({
      Twiml: `${xml}<Response><Dial action="${t.url(`/webhooks/twilio/voice/dial-ended?interactionId=${interactionId}`)}" method="POST" timeout="25"><Client><Identity>${identityOf(agent.userId)}</Identity><Parameter name="interactionId" value="${interactionId}"/></Client></Dial></Response>`,
    });
    await live.next((e) => e.interactionUpdated.onHold === false);
    expect(await events(interactionId)).toEqual(['enqueued', 'offered', 'assigned', 'call_bridged', 'call_held', 'call_resumed']);

    // Resumed, the agent hanging up ends the call as before.
    const hungUp = await postSigned(t.url(`/webhooks/twilio/voice/dial-ended?interactionId=${interactionId}`), { CallSid: callSid, AccountSid: testAccountSid, DialCallStatus: 'completed' });
    expect(hungUp.text).toContain('<Hangup/>');
    await postSigned(t.url('/webhooks/twilio/voice/status'), { CallSid: callSid, AccountSid: testAccountSid, From: '+34699222111', To: t.config.TWILIO_VOICE_NUMBERS[0]!.number, CallStatus: 'completed', CallDuration: '42' });
    await until(() => t.api.services.db.selectFrom('interactions').select('status').where('id', '=', interactionId).executeTakeFirstOrThrow(), (i) => i.status !== 'assigned');
    before = t.twilio.sent.length;
    expect(await holdCall(interactionId, true, agent.token)).toMatchObject({ __typename: 'InteractionStateError' });
    expect(t.twilio.sent.length).toBe(before);
  });

  it('wrapping up a held call tells the caller goodbye instead of leaving them on hold music', async () => {
    const { callSid, interactionId } = await answeredCall('+34699222222');
    expect((await holdCall(interactionId, true, agent.token)).interaction?.onHold).toBe(true);
    const before = t.twilio.sent.length;
    const wrapped = await t.gql<{ wrapUpInteraction: { __typename: string } }>('mutation($id: ID!) { wrapUpInteraction(input: { interactionId: $id }) { __typename } }', { id: gidOf(interactionId) }, agent.token);
    expect(wrapped.data?.wrapUpInteraction.__typename).toBe('InteractionPayload');
    const ended = t.twilio.sent.slice(before);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ path: `/2010-04-01/Accounts/${testAccountSid}/Calls/${callSid}.json`, status: 200 });
    expect(formFields(ended[0]!)).toEqual({ Twiml: `${xml}<Response><Say language="es-ES">Gracias por su llamada. Adiós.</Say><Hangup/></Response>` });
  });

  it('is refused for another agent’s call and for an interaction that is not a call; nothing is sent', async () => {
    const { interactionId } = await answeredCall('+34699222333');
    const other = await createAgent(t, sup, { queueIds: [], capacity: { voice: 1 } });
    const before = t.twilio.sent.length;
    expect(await holdCall(interactionId, true, other.token)).toEqual({ __typename: 'NotYourInteractionError', message: 'This interaction is handled by another agent.' });
    expect(await holdCall(interactionId, true, sup)).toMatchObject({ __typename: 'NotYourInteractionError' });

    const offers = await watchOffers(agent);
    const chat = await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId: chatQueue, channel: 'WEBCHAT' });
    const offered = await offers.next((e) => e.offers.interaction.id === chat && e.offers.outcome === null);
    await t.gql(ops.accept, { id: offered.offers.id }, agent.token);
    expect(await holdCall(rawId(chat), true, agent.token)).toEqual({ __typename: 'WrongChannelError', message: 'This is a webchat interaction; this action needs a voice one.' });

    expect(t.twilio.sent.length).toBe(before);
    expect(await events(interactionId)).not.toContain('call_held');
  });
});
