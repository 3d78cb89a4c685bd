import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeSse, type SseSubscription } from '../support/graphql-sse';
import { createAgent, createQueue, ops, setPresence, type Agent, type OfferEvent } from '../support/routing-fixtures';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, voiceNumber } from '../support/twilio/stack';
import { until } from '../support/until';

// Voice end to end: a signed inbound call is queued with TwiML → offered → accepted over GraphQL →
// the live call is redirected (REST, through the SDK, checked against Twilio's contract by Prism)
// to the agent's softphone or phone → call status callbacks end it (wrap-up, or abandoned).
const closedLine = '+34910000002';
const t = useTwilioTestApi({ twilioEnv: { TWILIO_VOICE_NUMBERS: `${voiceNumber},${closedLine}=Closed line` } });
let sup: string;
let agent: Agent;
const subs: SseSubscription<unknown>[] = [];
const xml = '<?xml version="1.0" encoding="UTF-8"?>';

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
  const phones = await createQueue(t, sup, { name: 'Phones', channels: ['VOICE'] });
  await createQueue(t, sup, { name: 'Closed line', channels: ['VOICE'], businessHours: {}, closedAutoReply: 'Nuestro horario es de lunes a viernes de 9 a 18.' });
  agent = await createAgent(t, sup, { queueIds: [phones], capacity: { voice: 1 } });
});
afterAll(() => subs.forEach((s) => s.close()));

const rawId = (gid: string) => Buffer.from(gid, 'base64').toString().split(':')[1]!;
const gidOf = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

async function watchOffers(a: Agent) {
  const sub = await subscribeSse<OfferEvent>(`${t.api.url}/graphql`, ops.offersSubscription, {}, a.token);
  subs.push(sub as SseSubscription<unknown>);
  return sub;
}

function call(callSid: string, from: string, to = voiceNumber, status = 'ringing') {
  return postSigned(t.url('/webhooks/twilio/voice'), { CallSid: callSid, AccountSid: testAccountSid, From: from, To: to, CallStatus: status, Direction: 'inbound' });
}
const callStatus = (callSid: string, from: string, status: string) =>
  postSigned(t.url('/webhooks/twilio/voice/status'), { CallSid: callSid, AccountSid: testAccountSid, From: from, To: voiceNumber, CallStatus: status, CallDuration: '42' });


const interactionOf = (callSid: string) =>
  t.api.services.db.selectFrom('interactions').selectAll().where('channel', '=', 'voice').where((eb) => eb(eb.ref('context', '->>').key('callSid' as never), '=', callSid)).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
const interactionById = (id: string) => t.api.services.db.selectFrom('interactions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = async (id: string) => (await t.api.services.db.selectFrom('interaction_events').select('type').where('interaction_id', '=', id).orderBy('id').execute()).map((e) => e.type);

function holdTwiml(interactionId: string, greeting: boolean) {
  return `${xml}<Response>${greeting ? '<Say language="es-ES">Gracias por llamar. En breve le atenderá un agente.</Say>' : ''}<Enqueue waitUrl="${t.url(`/webhooks/twilio/voice/wait?interactionId=${interactionId}`)}" waitUrlMethod="POST" action="${t.url(`/webhooks/twilio/voice/queue-result?interactionId=${interactionId}`)}" method="POST">${interactionId}</Enqueue></Response>`;
}

function dialTwiml(interactionId: string, target: string, callerId?: string) {
  return `${xml}<Response><Dial action="${t.url(`/webhooks/twilio/voice/dial-ended?interactionId=${interactionId}`)}" method="POST" timeout="25"${callerId ? ` callerId="${callerId}"` : ''}>${target}</Dial></Response>`;
}

const identityOf = (userId: string) => `agent_${userId.replace(/-/g, '')}`;

describe('voice calls through Twilio', () => {
  it('signed inbound call → queued (TwiML) → accepted over GraphQL → bridged by REST → completed → wrap-up → closed', async () => {
    const offers = await watchOffers(agent);
    const callSid = sid('CA');
    const caller = '+34699111222';
    const answered = await call(callSid, caller);
    expect(answered.status).toBe(200);
    const interaction = await interactionOf(callSid);
    expect(interaction).toMatchObject({ status: expect.stringMatching(/queued|offered/), context: { callSid, from: caller, to: voiceNumber } });
    expect(answered.text).toBe(holdTwiml(interaction.id, true));

    // Twilio retries the voice URL: the same interaction, the caller is not queued twice.
    const retried = await call(callSid, caller);
    expect(retried.text).toBe(holdTwiml(interaction.id, false));
    expect(await t.api.services.db.selectFrom('interactions').select('id').where('customer_id', '=', interaction.customer_id).execute()).toHaveLength(1);
    const identity = await t.api.services.db.selectFrom('customer_identities').selectAll().where('customer_id', '=', interaction.customer_id).executeTakeFirstOrThrow();
    expect(identity).toMatchObject({ kind: 'phone', value: caller });

    // The hold loop: position and estimate, then music.
    const wait = await postSigned(t.url(`/webhooks/twilio/voice/wait?interactionId=${interaction.id}`), { CallSid: callSid, AccountSid: testAccountSid, QueuePosition: '2', AvgQueueTime: '45', QueueTime: '10' });
    expect(wait.text).toBe(`${xml}<Response><Say language="es-ES">Hay 1 personas delante de usted. El tiempo de espera estimado es de 2 minutos.</Say><Play>${t.config.TWILIO_HOLD_MUSIC_URL}</Play></Response>`);

    const offered = await offers.next((e) => rawId(e.offers.interaction.id) === interaction.id && e.offers.outcome === null);
    const before = t.twilio.sent.length;
    const accepted = await t.gql<{ acceptOffer: { __typename: string } }>(ops.accept, { id: offered.offers.id }, agent.token);
    expect(accepted.data?.acceptOffer.__typename).toBe('InteractionPayload');

    // The workflow bridges the call: one contract-valid REST request redirecting it to the softphone.
    const bridged = await until(async () => t.twilio.sent.slice(before), (s) => s.length > 0);
    expect(bridged).toHaveLength(1);
    expect(bridged[0]).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${testAccountSid}/Calls/${callSid}.json`, status: 200 });
    expect(formFields(bridged[0]!)).toEqual({ Twiml: dialTwiml(interaction.id, `<Client>${identityOf(agent.userId)}</Client>`) });
    await until(() => events(interaction.id), (e) => e.includes('call_bridged'));

    // The agent hangs up: the caller hears goodbye; then the call completes → wrap-up → closed.
    const ended = await postSigned(t.url(`/webhooks/twilio/voice/dial-ended?interactionId=${interaction.id}`), { CallSid: callSid, AccountSid: testAccountSid, DialCallStatus: 'completed' });
    expect(ended.text).toBe(`${xml}<Response><Say language="es-ES">Gracias por su llamada. Adiós.</Say><Hangup/></Response>`);
    expect((await callStatus(callSid, caller, 'completed')).status).toBe(200);
    await until(() => interactionById(interaction.id), (i) => i.status === 'wrap_up' || i.status === 'closed');
    await until(() => interactionById(interaction.id), (i) => i.status === 'closed');
    expect(await events(interaction.id)).toEqual(['enqueued', 'offered', 'assigned', 'call_bridged', 'wrap_up', 'closed']);
  });

  it('the caller hangs up while queued → abandoned', async () => {
    await setPresence(t.gql, agent.token, 'AWAY');
    const callSid = sid('CA');
    await call(callSid, '+34699111333');
    const interaction = await interactionOf(callSid);
    expect((await callStatus(callSid, '+34699111333', 'in-progress')).status).toBe(200);
    expect((await interactionById(interaction.id)).status).toBe('queued');
    // Twilio reports the hang-up twice: the <Enqueue> action and the status callback, together.
    const [left, completed] = await Promise.all([
      postSigned(t.url(`/webhooks/twilio/voice/queue-result?interactionId=${interaction.id}`), { CallSid: callSid, AccountSid: testAccountSid, QueueResult: 'hangup', QueueTime: '12' }),
      callStatus(callSid, '+34699111333', 'completed'),
    ]);
    expect([left.status, completed.status]).toEqual([200, 200]);
    expect(await interactionById(interaction.id)).toMatchObject({ status: 'abandoned' });
    await setPresence(t.gql, agent.token, 'AVAILABLE');
  });

  it('bridges to the agent’s phone when they chose it; transfer to another agent keeps the caller connected; the recording URL is kept', async () => {
    const set = await t.gql<{ setVoiceEndpoint: { __typename: string; endpoint: { kind: string; phoneNumber: string } } }>(
      'mutation { setVoiceEndpoint(input: { kind: PHONE, phoneNumber: "600 999 888" }) { __typename ... on VoiceEndpointPayload { endpoint { kind phoneNumber } } ... on Error { message } } }', {}, agent.token);
    expect(set.data?.setVoiceEndpoint).toMatchObject({ __typename: 'VoiceEndpointPayload', endpoint: { kind: 'PHONE', phoneNumber: '+34600999888' } });
    const other = await createAgent(t, sup, { queueIds: [], capacity: { voice: 1 } });
    const offers = await watchOffers(agent);
    const otherOffers = await watchOffers(other);

    const callSid = sid('CA');
    await call(callSid, '+34699111444');
    const first = await interactionOf(callSid);
    const offered = await offers.next((e) => rawId(e.offers.interaction.id) === first.id && e.offers.outcome === null);
    let before = t.twilio.sent.length;
    await t.gql(ops.accept, { id: offered.offers.id }, agent.token);
    const toPhone = await until(async () => t.twilio.sent.slice(before), (s) => s.length > 0);
    expect(formFields(toPhone[0]!)).toEqual({ Twiml: dialTwiml(first.id, '<Number>+34600999888</Number>', voiceNumber) });
    expect(toPhone[0]!.status).toBe(200);

    const recording = await postSigned(t.url(`/webhooks/twilio/voice/recording?interactionId=${first.id}`), {
      CallSid: callSid, AccountSid: testAccountSid, RecordingSid: sid('RE'), RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${testAccountSid}/Recordings/RE1`, RecordingStatus: 'completed', RecordingDuration: '31',
    });
    expect(recording.status).toBe(200);
    const withRecording = await t.gql<{ interaction: { recording: { url: string; durationSeconds: number } } }>('query($id: ID!) { interaction(id: $id) { recording { url durationSeconds } } }', { id: gidOf('Interaction', first.id) }, sup);
    expect(withRecording.data?.interaction.recording).toEqual({ url: `https://api.twilio.com/2010-04-01/Accounts/${testAccountSid}/Recordings/RE1`, durationSeconds: 31 });

    before = t.twilio.sent.length;
    const transfer = await t.gql<{ transferInteraction: { __typename: string; interaction: { id: string } } }>(
      'mutation($input: TransferInteractionInput!) { transferInteraction(input: $input) { __typename ... on InteractionPayload { interaction { id } } ... on Error { message } } }',
      { input: { interactionId: gidOf('Interaction', first.id), agentId: other.gid } }, agent.token);
    expect(transfer.data?.transferInteraction.__typename).toBe('InteractionPayload');
    const second = rawId(transfer.data!.transferInteraction.interaction.id);
    const offeredToOther = await otherOffers.next((e) => rawId(e.offers.interaction.id) === second && e.offers.outcome === null);
    // Until the other agent answers, the caller stays with the first one (no REST request yet).
    expect(t.twilio.sent.length).toBe(before);
    // The first agent hangs up before that: the caller goes back on hold in the new interaction.
    const heldAgain = await postSigned(t.url(`/webhooks/twilio/voice/dial-ended?interactionId=${first.id}`), { CallSid: callSid, AccountSid: testAccountSid, DialCallStatus: 'completed' });
    expect(heldAgain.text).toBe(holdTwiml(second, false));
    await t.gql(ops.accept, { id: offeredToOther.offers.id }, other.token);
    const toOther = await until(async () => t.twilio.sent.slice(before), (s) => s.length > 0);
    expect(toOther[0]).toMatchObject({ path: `/2010-04-01/Accounts/${testAccountSid}/Calls/${callSid}.json`, status: 200 });
    expect(formFields(toOther[0]!)).toEqual({ Twiml: dialTwiml(second, `<Client>${identityOf(other.userId)}</Client>`) });

    expect((await callStatus(callSid, '+34699111444', 'completed')).status).toBe(200);
    await until(() => interactionById(second), (i) => i.status === 'wrap_up' || i.status === 'closed');
    expect((await interactionById(first.id)).status).toBe('transferred');
  });

  it('three simultaneous deliveries of one call queue the caller once; an agent who does not answer puts the caller back in line', async () => {
    const offers = await watchOffers(agent);
    const callSid = sid('CA');
    const answers = await Promise.all([call(callSid, '+34699111777'), call(callSid, '+34699111777'), call(callSid, '+34699111777')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const first = await interactionOf(callSid);
    expect(answers.every((a) => a.text.includes(`>${first.id}</Enqueue>`))).toBe(true);
    expect(await t.api.services.db.selectFrom('interactions').select('id').where('customer_id', '=', first.customer_id).execute()).toHaveLength(1);

    const offered = await offers.next((e) => rawId(e.offers.interaction.id) === first.id && e.offers.outcome === null);
    const before = t.twilio.sent.length;
    await t.gql(ops.accept, { id: offered.offers.id }, agent.token);
    await until(async () => t.twilio.sent.length, (n) => n > before);
    const noAnswer = await postSigned(t.url(`/webhooks/twilio/voice/dial-ended?interactionId=${first.id}`), { CallSid: callSid, AccountSid: testAccountSid, DialCallStatus: 'no-answer' });
    const requeued = await interactionOf(callSid);
    expect(requeued.id).not.toBe(first.id);
    expect(requeued).toMatchObject({ transferred_from_id: first.id, queue_id: first.queue_id });
    expect(noAnswer.text).toBe(holdTwiml(requeued.id, false));
    expect((await interactionById(first.id)).status).toBe('transferred');
    expect((await callStatus(callSid, '+34699111777', 'completed')).status).toBe(200);
    await until(() => interactionById(requeued.id), (i) => ['abandoned', 'wrap_up', 'closed'].includes(i.status));
  });

  it('closed hours: the announcement and the option to ask for a callback', async () => {
    const callSid = sid('CA');
    const answered = await call(callSid, '+34699111555', closedLine);
    const interaction = await interactionOf(callSid);
    expect(answered.text).toBe(
      `${xml}<Response><Say language="es-ES">Nuestro horario es de lunes a viernes de 9 a 18.</Say><Gather numDigits="1" action="${t.url(`/webhooks/twilio/voice/callback?interactionId=${interaction.id}`)}" method="POST" timeout="6"><Say language="es-ES">Si desea que le llamemos, pulse 1.</Say></Gather><Hangup/></Response>`,
    );
    await until(() => interactionById(interaction.id), (i) => i.status === 'closed');
    // The announcement is on the timeline as an automatic message the caller was given.
    const announced = await until(() => t.api.services.db.selectFrom('messages').selectAll().where('interaction_id', '=', interaction.id).execute(), (m) => m[0]?.delivery_status === 'sent');
    expect(announced).toMatchObject([{ direction: 'outbound', channel: 'voice', body: 'Nuestro horario es de lunes a viernes de 9 a 18.', agent_id: null }]);
    const pressed = await postSigned(t.url(`/webhooks/twilio/voice/callback?interactionId=${interaction.id}`), { CallSid: callSid, AccountSid: testAccountSid, Digits: '1' });
    expect(pressed.text).toContain('Le llamaremos');
    const res = await t.gql<{ interaction: { callbackRequestedAt: string | null } }>('query($id: ID!) { interaction(id: $id) { callbackRequestedAt } }', { id: gidOf('Interaction', interaction.id) }, sup);
    expect(res.data?.interaction.callbackRequestedAt).toBeTruthy();
    expect(await events(interaction.id)).toContain('callback_requested');
  });

  it('closed hours on WhatsApp: the queue’s auto-reply goes out through the SDK, and the conversation waits for the morning', async () => {
    // The only WhatsApp queue here is closed.
    await createQueue(t, sup, { name: 'WhatsApp night', channels: ['WHATSAPP'], businessHours: {}, closedAutoReply: 'Le responderemos mañana a partir de las 9.' });
    const before = t.twilio.sent.length;
    const params = { MessageSid: sid('SM'), AccountSid: testAccountSid, From: 'whatsapp:+34699111666', To: t.config.TWILIO_WHATSAPP_FROM!, WaId: '34699111666', Body: '¿Estáis abiertos?', NumMedia: '0' };
    expect((await postSigned(t.url('/webhooks/twilio/whatsapp'), params)).status).toBe(200);
    const sent = await until(async () => t.twilio.to('/Messages.json').filter((r) => t.twilio.sent.indexOf(r) >= before), (s) => s.length > 0);
    const auto = await t.api.services.db.selectFrom('messages').selectAll().where('direction', '=', 'outbound').where('body', '=', 'Le responderemos mañana a partir de las 9.').executeTakeFirstOrThrow();
    expect(sent[0]!.status).toBe(201);
    expect(formFields(sent[0]!)).toEqual({
      From: t.config.TWILIO_WHATSAPP_FROM,
      To: 'whatsapp:+34699111666',
      Body: 'Le responderemos mañana a partir de las 9.',
      StatusCallback: t.url(`/webhooks/twilio/whatsapp/status?messageId=${auto.id}`),
    });
    const interaction = await interactionById(auto.interaction_id!);
    expect(interaction.status).toBe('queued');
    await until(async () => (await t.api.services.db.selectFrom('messages').select('provider_message_id').where('id', '=', auto.id).executeTakeFirstOrThrow()).provider_message_id, (v) => !!v);
  });

  it('issues Voice access tokens for the agent’s softphone with the right grants', async () => {
    const res = await t.gql<{ createVoiceAccessToken: { __typename: string; token: string; identity: string } }>(
      'mutation { createVoiceAccessToken { __typename ... on VoiceAccessToken { token identity expiresAt } ... on Error { message } } }', {}, agent.token);
    expect(res.data?.createVoiceAccessToken).toMatchObject({ __typename: 'VoiceAccessToken', identity: identityOf(agent.userId) });
    const [, payload] = res.data!.createVoiceAccessToken.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { iss: string; sub: string; grants: { identity: string; voice: { incoming: { allow: boolean }; outgoing: { application_sid: string } } } };
    expect(claims).toMatchObject({ iss: t.config.TWILIO_API_KEY_SID, sub: testAccountSid, grants: { identity: identityOf(agent.userId), voice: { incoming: { allow: true }, outgoing: { application_sid: t.config.TWILIO_TWIML_APP_SID } } } });
    const notAgent = await t.gql<{ createVoiceAccessToken: { __typename: string } }>('mutation { createVoiceAccessToken { __typename } }', {}, sup);
    expect(notAgent.data?.createVoiceAccessToken.__typename).toBe('NotAnAgentError');
  });

  it('a withheld number hears why and nothing is created', async () => {
    const res = await call(sid('CA'), 'anonymous');
    expect(res.text).toContain('número oculto');
    expect(res.text).toContain('<Hangup/>');
  });
});
