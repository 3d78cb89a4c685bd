import { beforeAll, describe, expect, it } from 'vitest';
import type { InboundWhatsApp } from '@cc/channels/whatsapp/inbound';
import { receiveWhatsApp } from '@cc/api/twilio/whatsapp-inbound';
import type { TwilioDeps } from '@cc/api/twilio/deps';
import { createQueue } from '../support/routing-fixtures';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, whatsAppSender } from '../support/twilio/stack';
import { until } from '../support/until';

// The company's WhatsApp presence (issue 21): the sender's profile through Twilio's Senders API
// (requests checked by Prism against twilio_messaging_v2.json), automatic replies decided on an
// injected clock across business hours and time zones, and click-to-WhatsApp routing.
const senderSid = `XE${'ab'.repeat(16)}`;
const t = useTwilioTestApi({ senders: true, env: { PUSH_LINK_DOMAINS: 'shop.example' }, twilioEnv: { TWILIO_WHATSAPP_SENDER_SID: senderSid } });
let admin: string;
let agentToken: string;
const queues: Record<string, string> = {};
const weekdays9to18 = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ open: '09:00', close: '18:00' }]]));
const rawId = (gid: string) => Buffer.from(gid, 'base64').toString().split(':')[1]!;

const senderFields = 'sid senderId status fetchedAt profile { name about description address emails websites vertical logoUrl }';
const refresh = `mutation { refreshWhatsAppSender { __typename ... on WhatsAppSenderPayload { sender { ${senderFields} } } ... on Error { message } ... on ProviderUnreachableError { certainlyNotSent } } }`;
const update = `mutation($input: WhatsAppBusinessProfileInput!) { updateWhatsAppBusinessProfile(input: $input) { __typename
  ... on WhatsAppSenderPayload { sender { ${senderFields} } } ... on WhatsAppSettingInvalidError { field } ... on Error { message } } }`;
const save = `mutation($input: SaveWhatsAppAutoRepliesInput!) { saveWhatsAppAutoReplies(input: $input) { __typename
  ... on WhatsAppAutoRepliesPayload { autoReplies { enabled minIntervalMinutes texts { kind language text } keywords { pattern } } } ... on WhatsAppSettingInvalidError { field } ... on Error { message } } }`;

const profile = {
  name: 'Acme Seguros',
  about: 'Te atendemos de lunes a viernes',
  description: 'Seguros de hogar y coche',
  address: 'Calle Mayor 1, Madrid',
  emails: ['hola@shop.example'],
  websites: ['https://shop.example'],
  vertical: 'Finance and Banking',
  logoUrl: 'https://shop.example/logo.png',
};

function deps(now: () => Date): TwilioDeps {
  return { ...t.api.services.twilio!.deps, clock: now };
}

function inbound(from: string, body: string): InboundWhatsApp {
  return { messageSid: sid('SM'), accountSid: testAccountSid, from, to: whatsAppSender, body, profileName: 'Cliente', media: [], location: null, button: null };
}

/** What the customer `from` has been sent automatically, oldest first. */
async function automaticTo(from: string) {
  const db = t.api.services.db;
  const rows = await db
    .selectFrom('messages as m')
    .innerJoin('customer_identities as ci', 'ci.customer_id', 'm.customer_id')
    .select(['m.id', 'm.body', 'm.media', 'm.context', 'm.provider_message_id', 'm.delivery_status', 'm.interaction_id', 'm.created_at'])
    .where('ci.value', '=', from)
    .where('ci.kind', '=', 'whatsapp')
    .where('m.direction', '=', 'outbound')
    .where('m.agent_id', 'is', null)
    .orderBy('m.created_at')
    .execute();
  return rows.map((r) => ({ ...r, kind: (r.context.automatic as { kind: string } | undefined)?.kind }));
}

async function saveAutoReplies(queueId: string, extra: Record<string, unknown> = {}) {
  const res = await t.gql<{ saveWhatsAppAutoReplies: { __typename: string } }>(save, {
    input: {
      queueId,
      enabled: true,
      busyThresholdSeconds: 300,
      minIntervalMinutes: 60,
      texts: [
        { kind: 'GREETING', language: 'ES', text: '¡Hola! Soy el asistente de {name}. En un momento te atiende una persona.' },
        { kind: 'GREETING', language: 'EN', text: 'Hi! This is {name}. A person will be with you shortly.' },
        { kind: 'AWAY', language: 'ES', text: 'Ahora estamos cerrados; volvemos {back}.' },
        { kind: 'AWAY', language: 'EN', text: 'We are closed now; we are back {back}.' },
        { kind: 'BUSY', language: 'ES', text: 'Hay mucha gente esperando: calculamos {wait}.' },
      ],
      keywords: [
        { match: 'WORD', pattern: 'horario', body: 'Abrimos de lunes a viernes, de 9 a 18.', link: 'https://shop.example/horario', mediaUrl: 'https://shop.example/horario.pdf' },
        { match: 'PATTERN', pattern: 'opening (hours|times)', language: 'EN', body: 'Monday to Friday, 9 to 18.' },
      ],
      ...extra,
    },
  }, admin);
  expect(res.data?.saveWhatsAppAutoReplies.__typename, JSON.stringify(res)).toBe('WhatsAppAutoRepliesPayload');
}

beforeAll(async () => {
  admin = (await t.signIn('admin')).token;
  agentToken = (await t.signIn('agent')).token;
  // The oldest WhatsApp queue takes messages without a reference (the default).
  queues.madrid = await createQueue(t, admin, { name: 'Ventas Madrid', channels: ['WHATSAPP'], businessHours: weekdays9to18, timezone: 'Europe/Madrid' });
  queues.mexico = await createQueue(t, admin, { name: 'Ventas México', channels: ['WHATSAPP'], businessHours: weekdays9to18, timezone: 'America/Mexico_City' });
  queues.always = await createQueue(t, admin, { name: 'Soporte 24h', channels: ['WHATSAPP'] });
  for (const q of Object.values(queues)) await saveAutoReplies(q);
  const updated = await t.gql<{ updateWhatsAppBusinessProfile: { __typename: string } }>(update, { input: profile }, admin);
  expect(updated.data?.updateWhatsAppBusinessProfile.__typename, JSON.stringify(updated)).toBe('WhatsAppSenderPayload');
});

describe('business profile through the Senders API', () => {
  it('reads the sender (GET accepted by the contract) and caches its status', async () => {
    const before = t.twilio.sent.length;
    const res = await t.gql<{ refreshWhatsAppSender: { __typename: string; sender: { sid: string; status: string; senderId: string; profile: { name: string } } } }>(refresh, {}, admin);
    expect(res.data?.refreshWhatsAppSender.__typename, JSON.stringify(res)).toBe('WhatsAppSenderPayload');
    const [request] = t.twilio.sent.slice(before);
    expect(request).toMatchObject({ method: 'GET', path: `/v2/Channels/Senders/${senderSid}`, status: 200 });
    expect(res.data!.refreshWhatsAppSender.sender).toMatchObject({ sid: senderSid, status: expect.any(String), senderId: expect.stringMatching(/^whatsapp:/) });
    const cached = await t.gql<{ whatsAppSender: { status: string } }>(`{ whatsAppSender { ${senderFields} } }`, {}, admin);
    expect(cached.data?.whatsAppSender.status).toBe(res.data!.refreshWhatsAppSender.sender.status);
  });

  it('updates the profile: a JSON body in the wire’s snake_case, accepted by the contract (202), cached as asked and audited', async () => {
    const before = t.twilio.sent.length;
    const changed = { ...profile, about: 'Lunes a viernes, 9–18', emails: ['hola@shop.example', 'ayuda@shop.example'] };
    const res = await t.gql<{ updateWhatsAppBusinessProfile: { __typename: string; sender: { profile: typeof profile } } }>(update, { input: changed }, admin);
    expect(res.data?.updateWhatsAppBusinessProfile.__typename, JSON.stringify(res)).toBe('WhatsAppSenderPayload');
    const [request] = t.twilio.sent.slice(before);
    expect(request).toMatchObject({ method: 'POST', path: `/v2/Channels/Senders/${senderSid}`, status: 202 });
    expect(request!.json).toEqual({
      profile: {
        name: 'Acme Seguros', about: 'Lunes a viernes, 9–18', description: 'Seguros de hogar y coche', address: 'Calle Mayor 1, Madrid', vertical: 'Finance and Banking',
        logo_url: 'https://shop.example/logo.png',
        emails: [{ email: 'hola@shop.example', label: 'Email' }, { email: 'ayuda@shop.example', label: 'Email' }],
        websites: [{ website: 'https://shop.example', label: 'Website' }],
      },
    });
    expect(res.data!.updateWhatsAppBusinessProfile.sender.profile).toEqual(changed);
    const audit = await t.api.services.db.selectFrom('audit_events').selectAll().where('action', '=', 'whatsapp_profile.updated').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a wrong field before anything is sent; an agent may not edit it', async () => {
    const before = t.twilio.sent.length;
    const res = await t.gql<{ updateWhatsAppBusinessProfile: { __typename: string; field?: string } }>(update, { input: { ...profile, name: 'Acme www.acme.test' } }, admin);
    expect(res.data?.updateWhatsAppBusinessProfile).toMatchObject({ __typename: 'WhatsAppSettingInvalidError', field: 'name' });
    const vertical = await t.gql<{ updateWhatsAppBusinessProfile: { __typename: string; field?: string } }>(update, { input: { ...profile, vertical: 'Spaceships' } }, admin);
    expect(vertical.data?.updateWhatsAppBusinessProfile).toMatchObject({ __typename: 'WhatsAppSettingInvalidError', field: 'vertical' });
    expect(t.twilio.sent.length).toBe(before);
    const forbidden = await t.gql(update, { input: profile }, agentToken);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('Twilio unreachable is reported as unreachable (not a refusal), and the cache is kept', async () => {
    t.twilio.divertTo = 'http://127.0.0.1:1';
    try {
      const res = await t.gql<{ updateWhatsAppBusinessProfile: { __typename: string } }>(update, { input: { ...profile, about: 'never sent' } }, admin);
      expect(res.data?.updateWhatsAppBusinessProfile.__typename).toBe('ProviderUnreachableError');
      const read = await t.gql<{ refreshWhatsAppSender: { __typename: string; certainlyNotSent?: boolean } }>(refresh, {}, admin);
      expect(read.data?.refreshWhatsAppSender).toMatchObject({ __typename: 'ProviderUnreachableError', certainlyNotSent: true });
    } finally {
      t.twilio.divertTo = null;
    }
    const cached = await t.gql<{ whatsAppSender: { profile: { about: string } } }>(`{ whatsAppSender { ${senderFields} } }`, {}, admin);
    expect(cached.data?.whatsAppSender.profile.about).toBe('Lunes a viernes, 9–18');
  });
});

// Injected clocks lie before the real time the rows are written at, so waits measured from real
// enqueue times read as none (the busy test moves the clock forward on purpose).
describe('automatic replies (injected clock)', () => {
  it('greets the first message of a conversation once, in the customer’s language; nothing more within the interval', async () => {
    let now = new Date('2026-11-25T09:00:00Z'); // Wednesday 10:00 in Madrid: open
    const d = deps(() => now);
    await receiveWhatsApp(d, inbound('+34600000001', 'Hola, buenos días'));
    now = new Date(now.getTime() + 5 * 60_000);
    await receiveWhatsApp(d, inbound('+34600000001', 'Quería preguntar por un seguro'));
    await receiveWhatsApp(d, inbound('+447911123401', 'Hello there, I need help'));

    const es = await automaticTo('+34600000001');
    expect(es.map((m) => [m.kind, m.body])).toEqual([['greeting', '¡Hola! Soy el asistente de Acme Seguros. En un momento te atiende una persona.']]);
    expect(es[0]!.provider_message_id).toMatch(/^SM|^MM/);
    const en = await automaticTo('+447911123401');
    expect(en.map((m) => [m.kind, m.body])).toEqual([['greeting', 'Hi! This is Acme Seguros. A person will be with you shortly.']]);
    // Sent through the Messages API, accepted by the contract.
    const sent = t.twilio.to('/Messages.json').filter((r) => formFields(r).Body === en[0]!.body);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.status).toBe(201);
  });

  it('a language recorded on the customer decides over the number’s country', async () => {
    let now = new Date('2026-11-25T09:00:00Z');
    const db = t.api.services.db;
    await receiveWhatsApp(deps(() => now), inbound('+34600000013', '👋'));
    // The customer record says English (set by an agent or an import); a new conversation later.
    const { customer_id } = await db.selectFrom('customer_identities').select('customer_id').where('value', '=', '+34600000013').executeTakeFirstOrThrow();
    await db.updateTable('customers').set({ language: 'en-GB' }).where('id', '=', customer_id).execute();
    await db.updateTable('interactions').set({ status: 'closed', closed_at: now }).where('customer_id', '=', customer_id).execute();
    now = new Date(now.getTime() + 2 * 3600_000);
    await receiveWhatsApp(deps(() => now), inbound('+34600000013', '👋'));
    expect((await automaticTo('+34600000013')).map((m) => m.body)).toEqual([
      '¡Hola! Soy el asistente de Acme Seguros. En un momento te atiende una persona.',
      'Hi! This is Acme Seguros. A person will be with you shortly.',
    ]);
  });

  it('away outside business hours says when the team is back, read in the queue’s zone (Friday evening → Monday)', async () => {
    const now = new Date('2026-11-27T18:30:00Z'); // Friday 19:30 Madrid
    await receiveWhatsApp(deps(() => now), inbound('+34600000002', 'Hola, ¿hay alguien?'));
    expect((await automaticTo('+34600000002')).map((m) => [m.kind, m.body])).toEqual([['away', 'Ahora estamos cerrados; volvemos el lunes a las 09:00.']]);
  });

  it('the same instant is closed in Madrid and open in Mexico City: away there, greeting here', async () => {
    const now = new Date('2026-11-25T20:00:00Z'); // 21:00 Madrid, 14:00 Mexico City
    const ref = (await t.api.services.db.selectFrom('queues').select('whatsapp_ref').where('id', '=', rawId(queues.mexico!)).executeTakeFirstOrThrow()).whatsapp_ref;
    await receiveWhatsApp(deps(() => now), inbound('+34600000003', 'Hola'));
    await receiveWhatsApp(deps(() => now), inbound('+525512345603', `Hola #Q-${ref}`));
    expect((await automaticTo('+34600000003')).map((m) => [m.kind, m.body])).toEqual([['away', 'Ahora estamos cerrados; volvemos mañana a las 09:00.']]);
    expect((await automaticTo('+525512345603')).map((m) => m.kind)).toEqual(['greeting']);
  });

  it('across the spring DST change: Saturday in Madrid → back on Monday at 09:00 local', async () => {
    const now = new Date('2026-03-28T11:00:00Z'); // Saturday; on Sunday 29 March 2026 clocks go forward
    await receiveWhatsApp(deps(() => now), inbound('+34600000004', 'Hola'));
    expect((await automaticTo('+34600000004')).map((m) => m.body)).toEqual(['Ahora estamos cerrados; volvemos el lunes a las 09:00.']);
  });

  it('"we are busy" with the estimated wait when the queue’s wait passes the threshold', async () => {
    const ref = (await t.api.services.db.selectFrom('queues').select('whatsapp_ref').where('id', '=', rawId(queues.always!)).executeTakeFirstOrThrow()).whatsapp_ref;
    // Someone has been waiting (real time); fifteen minutes later by the injected clock another customer writes.
    await receiveWhatsApp(deps(() => new Date()), inbound('+34600000005', `Hola #Q-${ref}`));
    const later = new Date(Date.now() + 15 * 60_000);
    await receiveWhatsApp(deps(() => later), inbound('+34600000006', `Hola #Q-${ref}`));
    expect((await automaticTo('+34600000005')).map((m) => m.kind)).toEqual(['greeting']);
    expect((await automaticTo('+34600000006')).map((m) => m.body)).toEqual(['Hay mucha gente esperando: calculamos unos 15 minutos.']);
  });

  it('keyword answers: a word (with link and media) or a pattern in the customer’s language; after the interval', async () => {
    let now = new Date('2026-11-18T09:00:00Z');
    const d = deps(() => now);
    await receiveWhatsApp(d, inbound('+34600000007', 'Hola'));
    now = new Date(now.getTime() + 61 * 60_000);
    await receiveWhatsApp(d, inbound('+34600000007', '¿Cuál es el HORARIO?'));
    const replies = await automaticTo('+34600000007');
    expect(replies.map((m) => m.kind)).toEqual(['greeting', 'keyword']);
    expect(replies[1]!.body).toBe('Abrimos de lunes a viernes, de 9 a 18.\nhttps://shop.example/horario');
    const sent = t.twilio.to('/Messages.json').find((r) => formFields(r).Body === replies[1]!.body)!;
    expect(formFields(sent).MediaUrl).toBe('https://shop.example/horario.pdf');
    expect(sent.status).toBe(201);

    now = new Date('2026-11-18T09:00:00Z');
    await receiveWhatsApp(deps(() => now), inbound('+447911123408', 'What are your opening hours?'));
    expect((await automaticTo('+447911123408')).map((m) => m.body)).toEqual(['Monday to Friday, 9 to 18.']);
  });

  it('no reply loop between two automatic senders: a bot answering each of our replies gets one, never more', async () => {
    const bot = '+34600000009';
    // Friday 19:00 in Madrid: closed until Monday, so every message is a candidate for "away".
    let now = new Date('2026-11-27T18:00:00Z');
    const d = deps(() => now);
    await receiveWhatsApp(d, inbound(bot, 'Hola'));
    // The other side is a machine answering whatever it receives, past our interval each time:
    // unmarked, marked as automatic, or echoing our own text — for twelve rounds (half a day).
    for (let round = 0; round < 12; round++) {
      const ours = await automaticTo(bot);
      now = new Date(now.getTime() + 61 * 60_000);
      const answer = round % 3 === 0 ? `Gracias por escribir a Bot S.L. (${round})` : round % 3 === 1 ? 'Respuesta automática: le contestaremos pronto' : (ours.at(-1)?.body ?? '');
      await receiveWhatsApp(d, inbound(bot, answer));
    }
    const replies = await automaticTo(bot);
    expect(replies.map((m) => m.kind)).toEqual(['away']);
    // The guard does not silence a real question (past the interval since our last reply), but
    // asking it again within the interval gets nothing more.
    await receiveWhatsApp(d, inbound(bot, '¿horario?'));
    now = new Date(now.getTime() + 60_000);
    await receiveWhatsApp(d, inbound(bot, '¿horario? ¿horario?'));
    expect((await automaticTo(bot)).map((m) => m.kind)).toEqual(['away', 'keyword']);
  });

  it('two automatic senders that both keep quiet: a marked automatic first message gets no greeting', async () => {
    const now = new Date('2026-11-25T09:00:00Z');
    await receiveWhatsApp(deps(() => now), inbound('+34600000012', 'Mensaje automático: gracias por contactar con nosotros'));
    expect(await automaticTo('+34600000012')).toEqual([]);
  });

  it('marked automatic in the timeline; an opt-out gets no answer; disabled sends nothing', async () => {
    const now = new Date('2026-11-20T09:00:00Z');
    await receiveWhatsApp(deps(() => now), inbound('+34600000010', 'BAJA'));
    expect(await automaticTo('+34600000010')).toEqual([]);
    // Writing again after opting out gets no automatic answer either (nothing stored unsent).
    await receiveWhatsApp(deps(() => new Date(now.getTime() + 2 * 3600_000)), inbound('+34600000010', '¿horario?'));
    expect(await automaticTo('+34600000010')).toEqual([]);

    const greeted = (await automaticTo('+34600000001'))[0]!;
    const sup = (await t.signIn('supervisor')).token;
    const view = await t.gql<{ interaction: { messages: { edges?: unknown; automaticReply?: string }[] } }>(
      `query($id: ID!) { interaction(id: $id) { messages { id automaticReply direction } } }`,
      { id: Buffer.from(`Interaction:${greeted.interaction_id}`).toString('base64') },
      sup,
    );
    const messages = (view.data?.interaction.messages ?? []) as { automaticReply: string | null; direction: string }[];
    expect(messages.filter((m) => m.automaticReply === 'greeting')).toHaveLength(1);
    expect(messages.filter((m) => m.direction === 'inbound').every((m) => m.automaticReply === null)).toBe(true);

    await saveAutoReplies(queues.madrid!, { enabled: false });
    await receiveWhatsApp(deps(() => now), inbound('+34600000011', 'Hola'));
    expect(await automaticTo('+34600000011')).toEqual([]);
    await saveAutoReplies(queues.madrid!);
  });

  it('links outside PUSH_LINK_DOMAINS are refused when saving', async () => {
    const res = await t.gql<{ saveWhatsAppAutoReplies: { __typename: string; field?: string } }>(save, {
      input: { queueId: queues.always, enabled: true, busyThresholdSeconds: 60, minIntervalMinutes: 60, texts: [{ kind: 'GREETING', language: 'ES', text: 'Mira https://evil.example/x' }], keywords: [] },
    }, admin);
    expect(res.data?.saveWhatsAppAutoReplies).toMatchObject({ __typename: 'WhatsAppSettingInvalidError', field: 'greeting.es' });
  });
});

describe('click-to-WhatsApp', () => {
  it('the wa.me link and QR codes of a queue; its prefilled first message lands in that queue', async () => {
    const res = await t.gql<{ clickToWhatsApp: { link: string; ref: string; prefill: string; qrSvg: string; qrPngDataUrl: string } }>(
      `query($q: ID!) { clickToWhatsApp(queueId: $q, prefill: "Hola, quiero un seguro") { link ref prefill qrSvg qrPngDataUrl } }`,
      { q: queues.always },
      admin,
    );
    const c = res.data!.clickToWhatsApp;
    expect(c.link).toBe(`https://wa.me/34910000000?text=${encodeURIComponent(`Hola, quiero un seguro #Q-${c.ref}`)}`);
    expect(c.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(Buffer.from(c.qrPngDataUrl.replace(/^data:image\/png;base64,/, ''), 'base64').subarray(1, 4).toString()).toBe('PNG');

    // The customer scans it and sends the prefilled text, through Twilio's signed webhook.
    const text = new URL(c.link).searchParams.get('text')!;
    const params = { MessageSid: sid('SM'), AccountSid: testAccountSid, From: 'whatsapp:+34600000020', To: whatsAppSender, WaId: '34600000020', ProfileName: 'Ana', NumMedia: '0', Body: text };
    expect((await postSigned(t.url('/webhooks/twilio/whatsapp'), params)).status).toBe(200);
    const db = t.api.services.db;
    const stored = (await until(() => db.selectFrom('messages as m').innerJoin('interactions as i', 'i.id', 'm.interaction_id').select(['i.queue_id']).where('m.provider_message_id', '=', params.MessageSid).executeTakeFirst(), (v) => !!v))!;
    expect(stored.queue_id).toBe(rawId(queues.always!));

    // Without a reference, the default WhatsApp queue.
    const plain = { ...params, MessageSid: sid('SM'), From: 'whatsapp:+34600000021', WaId: '34600000021', Body: 'Hola' };
    await postSigned(t.url('/webhooks/twilio/whatsapp'), plain);
    const other = (await until(() => db.selectFrom('messages as m').innerJoin('interactions as i', 'i.id', 'm.interaction_id').select(['i.queue_id']).where('m.provider_message_id', '=', plain.MessageSid).executeTakeFirst(), (v) => !!v))!;
    expect(other.queue_id).toBe(rawId(queues.madrid!));
  });
});
