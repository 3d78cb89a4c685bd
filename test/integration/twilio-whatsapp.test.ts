import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeSse, type SseSubscription } from '../support/graphql-sse';
import { createAgent, createQueue, ops, type Agent, type OfferEvent } from '../support/routing-fixtures';
import { storeMediaObject } from '@cc/db/repositories/media-objects';
import { createOutboundMessage } from '@cc/db/repositories/outbound-messages';
import { startMediaServer, type MediaServer } from '../support/twilio/media-server';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, sid, testAccountSid, testAuthToken } from '../support/twilio/signing';
import { useTwilioTestApi, whatsAppSender } from '../support/twilio/stack';

// WhatsApp end to end: signed Twilio webhooks → stored once → offered → accepted → the agent's reply
// goes out through the twilio SDK to a Prism mock of Twilio's OpenAPI contract → status callbacks
// move the message forward on the interaction's live subscription.
const t = useTwilioTestApi({ env: { PUSH_LINK_DOMAINS: 'shop.example' } });
let sup: string;
let agent: Agent;
let media: MediaServer;
const subs: SseSubscription<unknown>[] = [];
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
  const queueId = await createQueue(t, sup, { name: 'WhatsApp', channels: ['WHATSAPP'] });
  agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { whatsapp: 3 } });
  media = t.media;
  media.serve({ ME1: { contentType: 'image/jpeg', data: jpeg }, TIFF: { contentType: 'image/tiff', data: jpeg } });
});
afterAll(async () => {
  subs.forEach((s) => s.close());
});

const rawId = (gid: string) => Buffer.from(gid, 'base64').toString().split(':')[1]!;
const gidOf = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

function inbound(from: string, fields: Record<string, string>): Record<string, string> {
  return { MessageSid: sid('SM'), AccountSid: testAccountSid, From: `whatsapp:${from}`, To: whatsAppSender, WaId: from.slice(1), ProfileName: 'Lucía', NumMedia: '0', ...fields };
}

const deliver = (params: Record<string, string>) => postSigned(t.url('/webhooks/twilio/whatsapp'), params);
const statusCallback = (url: string, messageSid: string, status: string, extra: Record<string, string> = {}) =>
  postSigned(url, { MessageSid: messageSid, AccountSid: testAccountSid, MessageStatus: status, ...extra });

const sendMutation = `mutation($input: SendWhatsAppMessageInput!) { sendWhatsAppMessage(input: $input) {
  __typename ... on SendWhatsAppMessagePayload { sent { id deliveryStatus body media { url } location { latitude longitude label } } }
  ... on Error { message } ... on WhatsAppWindowClosedError { closesAt } ... on MessageRefusedByProviderError { code } } }`;

async function watchOffers(a: Agent) {
  const sub = await subscribeSse<OfferEvent>(`${t.api.url}/graphql`, ops.offersSubscription, {}, a.token);
  subs.push(sub as SseSubscription<unknown>);
  return sub;
}

describe('WhatsApp through Twilio', () => {
  it('signed inbound with media and location → stored once despite 3 deliveries → offered → reply via the SDK (contract-valid) → delivered/read on the subscription', async () => {
    const offers = await watchOffers(agent);
    const customer = '+34612345678';
    const withMedia = inbound(customer, { Body: 'Hola, os mando la foto', NumMedia: '1', MediaUrl0: media.url('ME1'), MediaContentType0: 'image/jpeg' });

    // Twilio re-delivers: once, then twice at the same moment.
    expect((await deliver(withMedia)).status).toBe(200);
    const again = await Promise.all([deliver(withMedia), deliver(withMedia)]);
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    expect(media.fetches.filter((f) => f === 'ME1')).toHaveLength(1);

    const location = inbound(customer, { Latitude: '40.4168', Longitude: '-3.7038', Address: 'Puerta del Sol, Madrid', Label: 'Mi oficina' });
    expect((await deliver(location)).status).toBe(200);
    const button = inbound(customer, { Body: 'Sí, confirmo', ButtonText: 'Sí, confirmo', ButtonPayload: 'confirm-appointment-42' });
    expect((await deliver(button)).status).toBe(200);

    const db = t.api.services.db;
    const stored = await db.selectFrom('messages').selectAll().where('provider_message_id', 'in', [withMedia.MessageSid!, location.MessageSid!, button.MessageSid!]).orderBy('created_at').execute();
    expect(stored).toHaveLength(3);
    expect(new Set(stored.map((m) => m.interaction_id)).size).toBe(1);
    expect(await db.selectFrom('media_objects').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: '1' });
    const [first, second, third] = stored;
    expect(first).toMatchObject({ direction: 'inbound', channel: 'whatsapp', body: 'Hola, os mando la foto', delivery_status: 'received' });
    expect(first!.media).toEqual([{ url: expect.stringMatching(/\/media\/[0-9a-f-]{36}$/), contentType: 'image/jpeg' }]);
    expect(second!.location).toEqual({ latitude: 40.4168, longitude: -3.7038, label: 'Mi oficina' });
    expect(second!.context).toMatchObject({ address: 'Puerta del Sol, Madrid' });
    expect(third!.context).toMatchObject({ button: { text: 'Sí, confirmo', payload: 'confirm-appointment-42' } });
    const asSeen = await t.gql<{ interaction: { messages: { body: string; buttonPayload: string | null }[] } }>(
      'query($id: ID!) { interaction(id: $id) { messages { body buttonPayload } } }', { id: gidOf('Interaction', third!.interaction_id!) }, sup);
    expect(asSeen.data?.interaction.messages.at(-1)).toEqual({ body: 'Sí, confirmo', buttonPayload: 'confirm-appointment-42' });

    // The project serves the file it keeps, byte for byte, to those who may see the conversation.
    expect((await fetch(first!.media![0]!.url)).status).toBe(401);
    const served = await fetch(first!.media![0]!.url, { headers: { authorization: `Bearer ${sup}` } });
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await served.arrayBuffer()).equals(jpeg)).toBe(true);

    // Identity from WaId and ProfileName; last inbound time kept for the 24 h window.
    const identity = await db.selectFrom('customer_identities').selectAll().where('kind', '=', 'whatsapp').where('value', '=', customer).executeTakeFirstOrThrow();
    expect(identity.label).toBe('Lucía');
    const state = await db.selectFrom('customer_channel_state').selectAll().where('customer_id', '=', identity.customer_id).executeTakeFirstOrThrow();
    expect(state.channel).toBe('whatsapp');

    const interactionId = first!.interaction_id!;
    const offered = await offers.next((e) => rawId(e.offers.interaction.id) === interactionId && e.offers.outcome === null);
    const accepted = await t.gql<{ acceptOffer: { __typename: string } }>(ops.accept, { id: offered.offers.id }, agent.token);
    expect(accepted.data?.acceptOffer.__typename).toBe('InteractionPayload');

    const live = await subscribeSse<{ interactionUpdated: { messages: { id: string; direction: string; deliveryStatus: string; errorCode: string | null }[] } }>(
      `${t.api.url}/graphql`,
      'subscription($id: ID!) { interactionUpdated(id: $id) { messages { id direction deliveryStatus errorCode } } }',
      { id: gidOf('Interaction', interactionId) },
      agent.token,
    );
    subs.push(live as SseSubscription<unknown>);

    const window = await t.gql<{ interaction: { whatsAppWindow: { open: boolean; optedOut: boolean; closesAt: string } } }>(
      'query($id: ID!) { interaction(id: $id) { whatsAppWindow { open optedOut closesAt } } }', { id: gidOf('Interaction', interactionId) }, agent.token);
    expect(window.data?.interaction.whatsAppWindow).toMatchObject({ open: true, optedOut: false });

    // Links in a reply follow the push rule (PUSH_LINK_DOMAINS): one outside it is refused, nothing sent or stored.
    const beforeLinks = t.twilio.sent.length;
    for (const body of ['Pague aquí: https://shop.example.evil.test/pay', 'Entre en bit.ly/abc123', 'Todo bien']) {
      const refused = await t.gql<{ sendWhatsAppMessage: { __typename: string; message: string } }>(sendMutation, {
        input: { interactionId: gidOf('Interaction', interactionId), body, ...(body === 'Todo bien' ? { location: { latitude: 1, longitude: 2, label: 'www.evil.test' } } : {}) },
      }, agent.token);
      expect(refused.data?.sendWhatsAppMessage, body).toMatchObject({ __typename: 'LinkNotAllowedError', message: expect.stringMatching(/evil\.test|bit\.ly/) });
    }
    expect(t.twilio.sent.length).toBe(beforeLinks);

    const before = t.twilio.sent.length;
    const reply = await t.gql<{ sendWhatsAppMessage: { __typename: string; sent: { id: string; deliveryStatus: string } } }>(sendMutation, {
      input: {
        interactionId: gidOf('Interaction', interactionId),
        body: 'Gracias, Lucía. Aquí tiene la guía y nuestra dirección.',
        mediaUrls: ['https://cdn.example.com/guia.pdf', 'https://cdn.example.com/mapa.png'],
        location: { latitude: 40.4169, longitude: -3.7035, label: 'Oficina Central' },
      },
    }, agent.token);
    expect(reply.data?.sendWhatsAppMessage.__typename, JSON.stringify(reply)).toBe('SendWhatsAppMessagePayload');
    const messageId = reply.data!.sendWhatsAppMessage.sent.id; // messages carry plain ids

    // Exactly one request, contract-valid (Prism answered 201), with exactly these fields.
    const sent = t.twilio.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${testAccountSid}/Messages.json`, status: 201 });
    expect(formFields(sent[0]!)).toEqual({
      From: whatsAppSender,
      To: `whatsapp:${customer}`,
      Body: 'Gracias, Lucía. Aquí tiene la guía y nuestra dirección.',
      MediaUrl: ['https://cdn.example.com/guia.pdf', 'https://cdn.example.com/mapa.png'],
      PersistentAction: 'geo:40.4169,-3.7035|Oficina Central',
      StatusCallback: t.url(`/webhooks/twilio/whatsapp/status?messageId=${messageId}`),
    });
    const row = await db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ direction: 'outbound', agent_id: agent.userId, provider: 'twilio', provider_message_id: expect.stringMatching(/^(SM|MM)[0-9a-f]{32}$/) });

    // Status callbacks, signed, as Twilio sends them: out of order and repeated.
    const callbackUrl = formFields(sent[0]!).StatusCallback as string;
    for (const status of ['sent', 'delivered']) expect((await statusCallback(callbackUrl, row.provider_message_id!, status)).status).toBe(200);
    await live.next((e) => e.interactionUpdated.messages.some((m) => m.id === messageId && m.deliveryStatus === 'delivered'));
    expect((await statusCallback(callbackUrl, row.provider_message_id!, 'read')).status).toBe(200);
    expect((await statusCallback(callbackUrl, row.provider_message_id!, 'sent')).status).toBe(200);
    await live.next((e) => e.interactionUpdated.messages.some((m) => m.id === messageId && m.deliveryStatus === 'read'));
    expect((await db.selectFrom('messages').select('delivery_status').where('id', '=', messageId).executeTakeFirstOrThrow()).delivery_status).toBe('read');

    // The agent forwards a file of the conversation: kept as the console's address, fetched by Twilio
    // through a short-lived signature; a file the agent may not read is "not found" and nothing goes out.
    const own = first!.media![0]!.url;
    const forward = (url: string) =>
      t.gql<{ sendWhatsAppMessage: { __typename: string } }>(sendMutation, { input: { interactionId: gidOf('Interaction', interactionId), body: 'Su foto', mediaUrls: [url] } }, agent.token);
    expect((await forward(own)).data?.sendWhatsAppMessage.__typename).toBe('SendWhatsAppMessagePayload');
    const forwarded = String(formFields(t.twilio.sent.at(-1)!).MediaUrl);
    expect(forwarded).toMatch(new RegExp(`^${own}\\?exp=\\d+&sig=[0-9a-f]{64}$`));
    expect((await fetch(forwarded)).status).toBe(200);
    const unrelated = await storeMediaObject(db, { contentType: 'image/jpeg', data: jpeg, sourceUrl: null, kind: 'message', interactionId: null, uploadedBy: null, filename: null });
    const sentBefore = t.twilio.sent.length;
    expect((await forward(own.replace(/[0-9a-f-]{36}$/, unrelated.id))).data?.sendWhatsAppMessage.__typename).toBe('NotFoundError');
    expect(t.twilio.sent.length).toBe(sentBefore);
  });

  it('a status callback that beats the send response still finds the message by our id; failures keep their ErrorCode', async () => {
    const db = t.api.services.db;
    const sent = await db.selectFrom('messages').selectAll().where('direction', '=', 'outbound').where('provider', '=', 'twilio').executeTakeFirstOrThrow();
    // Our row exists, Twilio's response has not arrived yet: the callback attaches the sid.
    const pending = await createOutboundMessage(db, { interaction_id: sent.interaction_id, customer_id: sent.customer_id, channel: 'whatsapp', agent_id: null, body: 'x', media: null, location: null, provider: 'twilio' });
    const messageSid = sid('SM');
    const url = t.url(`/webhooks/twilio/whatsapp/status?messageId=${pending.id}`);
    expect((await statusCallback(url, messageSid, 'undelivered', { ErrorCode: '63016' })).status).toBe(200);
    expect(await db.selectFrom('messages').select(['provider_message_id', 'delivery_status', 'error_code']).where('id', '=', pending.id).executeTakeFirstOrThrow())
      .toEqual({ provider_message_id: messageSid, delivery_status: 'undelivered', error_code: '63016' });
    // Another sid for a message that has one, or a sid we never sent: not ours.
    expect((await statusCallback(url, sid('SM'), 'delivered')).status).toBe(404);
    expect(await statusCallback(t.url('/webhooks/twilio/whatsapp/status'), sid('SM'), 'delivered')).toMatchObject({ status: 404, text: expect.stringContaining('no outbound message') });
  });

  it('refuses free-form replies outside the 24 h window before sending anything', async () => {
    const offers = await watchOffers(agent);
    const first = inbound('+34622222222', { Body: 'Hola' });
    expect((await deliver(first)).status).toBe(200);
    const db = t.api.services.db;
    const stored = await db.selectFrom('messages').selectAll().where('provider_message_id', '=', first.MessageSid!).executeTakeFirstOrThrow();
    const offered = await offers.next((e) => rawId(e.offers.interaction.id) === stored.interaction_id && e.offers.outcome === null);
    await t.gql(ops.accept, { id: offered.offers.id }, agent.token);
    await db.updateTable('customer_channel_state').set({ last_inbound_at: new Date(Date.now() - 25 * 3600_000) }).where('customer_id', '=', stored.customer_id).execute();

    const before = t.twilio.sent.length;
    const res = await t.gql<{ sendWhatsAppMessage: { __typename: string; message: string; closesAt: string } }>(sendMutation, { input: { interactionId: gidOf('Interaction', stored.interaction_id!), body: '¿Sigue ahí?' } }, agent.token);
    expect(res.data?.sendWhatsAppMessage).toMatchObject({ __typename: 'WhatsAppWindowClosedError', message: expect.stringContaining('template') });
    expect(t.twilio.sent.length).toBe(before);

    const empty = await t.gql<{ sendWhatsAppMessage: { __typename: string } }>(sendMutation, { input: { interactionId: gidOf('Interaction', stored.interaction_id!), body: '  ' } }, agent.token);
    expect(empty.data?.sendWhatsAppMessage.__typename).toBe('EmptyMessageError');
    const tooMany = await t.gql<{ sendWhatsAppMessage: { __typename: string } }>(sendMutation, {
      input: { interactionId: gidOf('Interaction', stored.interaction_id!), body: 'x', mediaUrls: Array.from({ length: 11 }, (_, i) => `https://cdn.example.com/${i}.png`) },
    }, agent.token);
    expect(tooMany.data?.sendWhatsAppMessage.__typename).toBe('ValidationError');
  });

  it('BAJA records an opt-out at once (once per message), and replies are refused', async () => {
    const offers = await watchOffers(agent);
    const customer = '+34633333333';
    const hello = inbound(customer, { Body: 'Hola' });
    await deliver(hello);
    const db = t.api.services.db;
    const stored = await db.selectFrom('messages').selectAll().where('provider_message_id', '=', hello.MessageSid!).executeTakeFirstOrThrow();
    const offered = await offers.next((e) => rawId(e.offers.interaction.id) === stored.interaction_id && e.offers.outcome === null);
    await t.gql(ops.accept, { id: offered.offers.id }, agent.token);

    const baja = inbound(customer, { Body: ' Baja ' });
    expect((await deliver(baja)).status).toBe(200);
    expect((await deliver(baja)).status).toBe(200);
    const consents = await db.selectFrom('consents').selectAll().where('customer_id', '=', stored.customer_id).execute();
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ channel: 'whatsapp', purpose: 'all', granted: false, source: 'whatsapp_keyword', evidence: { wording: ' Baja ', messageSid: baja.MessageSid } });

    const before = t.twilio.sent.length;
    const res = await t.gql<{ sendWhatsAppMessage: { __typename: string } }>(sendMutation, { input: { interactionId: gidOf('Interaction', stored.interaction_id!), body: 'Vaya, ¿por qué?' } }, agent.token);
    expect(res.data?.sendWhatsAppMessage.__typename).toBe('CustomerOptedOutError');
    expect(t.twilio.sent.length).toBe(before);
  });

  it('media of a type WhatsApp does not allow is not kept; the agent sees why', async () => {
    const params = inbound('+34644444444', { Body: 'escaneo', NumMedia: '1', MediaUrl0: media.url('TIFF'), MediaContentType0: 'image/tiff' });
    expect((await deliver(params)).status).toBe(200);
    const row = await t.api.services.db.selectFrom('messages').selectAll().where('provider_message_id', '=', params.MessageSid!).executeTakeFirstOrThrow();
    expect(row.media).toBeNull();
    expect(row.context).toMatchObject({ refusedMedia: [{ contentType: 'image/tiff', reason: expect.stringContaining('not accepted') }] });
    const res = await t.gql<{ interaction: { messages: { body: string; buttonPayload: string | null; refusedMedia: { contentType: string; reason: string }[] }[] } }>(
      'query($id: ID!) { interaction(id: $id) { messages { body buttonPayload refusedMedia { contentType reason } } } }', { id: gidOf('Interaction', row.interaction_id!) }, sup);
    expect(res.data?.interaction.messages).toEqual([{ body: 'escaneo', buttonPayload: null, refusedMedia: [{ contentType: 'image/tiff', reason: 'media type image/tiff is not accepted' }] }]);
  });

  it('media named on any host but Twilio’s API gets no credentials and is not fetched; the message is kept without it', async () => {
    // A loopback server that would take the credentials if they were sent (same shape, wrong host).
    const foreign = await startMediaServer({ username: 'x', password: 'y' }, { ME1: { contentType: 'image/jpeg', data: jpeg } }, testAccountSid);
    try {
      const elsewhere = inbound('+34611111111', { Body: 'mira', NumMedia: '2', MediaUrl0: foreign.url('ME1'), MediaContentType0: 'image/jpeg', MediaUrl1: `${media.base}/media/ME1`, MediaContentType1: 'image/jpeg' });
      expect((await deliver(elsewhere)).status).toBe(200);
      expect(foreign.requests).toEqual([]);
      expect(media.requests.some((r) => r.path === '/media/ME1')).toBe(false);
      const row = await t.api.services.db.selectFrom('messages').selectAll().where('provider_message_id', '=', elsewhere.MessageSid!).executeTakeFirstOrThrow();
      expect(row.body).toBe('mira');
      expect(row.media).toBeNull();
      expect(row.context).toMatchObject({ refusedMedia: [{ reason: expect.stringContaining('not this account') }, { reason: expect.stringContaining('not this account') }] });
    } finally {
      await foreign.stop();
    }
  });

  it('Twilio’s redirect to storage is followed without the credentials', async () => {
    const photo = Buffer.concat([jpeg, Buffer.from('redirected')]);
    media.serve({ ME2: { contentType: 'image/jpeg', data: photo, redirect: true } });
    const params = inbound('+34622222222', { Body: 'foto', NumMedia: '1', MediaUrl0: media.url('ME2'), MediaContentType0: 'image/jpeg' });
    expect((await deliver(params)).status).toBe(200);
    const hops = media.requests.filter((r) => r.path.endsWith('/ME2'));
    expect(hops).toHaveLength(2);
    expect(hops[0]!.authorization).toMatch(/^Basic /);
    expect(hops[1]).toEqual({ path: '/storage/ME2', authorization: null });
    const row = await t.api.services.db.selectFrom('messages').selectAll().where('provider_message_id', '=', params.MessageSid!).executeTakeFirstOrThrow();
    const served = await fetch(row.media![0]!.url, { headers: { authorization: `Bearer ${sup}` } });
    expect(Buffer.from(await served.arrayBuffer()).equals(photo)).toBe(true);
  });

  it('a signature made with another token or for another URL is refused', async () => {
    const params = inbound('+34655555555', { Body: 'hola' });
    expect(await postSigned(t.url('/webhooks/twilio/whatsapp'), params, { authToken: 'not-the-token-000000000000' })).toMatchObject({ status: 403 });
    expect(await postSigned(t.url('/webhooks/twilio/whatsapp'), params, { signatureUrl: 'https://elsewhere.example/webhooks/twilio/whatsapp' })).toMatchObject({ status: 403 });
    expect(testAuthToken).toBeTruthy();
    expect(await t.api.services.db.selectFrom('messages').select('id').where('provider_message_id', '=', params.MessageSid!).executeTakeFirst()).toBeUndefined();
  });
});
