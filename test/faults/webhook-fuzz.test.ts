import { beforeAll, describe, expect, it } from 'vitest';
import { createQueue } from '../support/routing-fixtures';
import { postSigned, sid, testAccountSid, testAuthToken, twilioSignature } from '../support/twilio/signing';
import { useTwilioTestApi, voiceNumber, whatsAppSender } from '../support/twilio/stack';

// 1,000 hostile or broken webhook requests: unsigned, wrongly signed, replayed onto other bodies,
// URLs or endpoints, malformed, oversized, wrong method or type. Every one is answered 4xx with a
// reason, the server keeps serving, and not one row is written. (An exact re-delivery of a real
// Twilio request is not an attack: it is answered 200 and stores nothing new — see the WhatsApp test.)
const t = useTwilioTestApi();
const tables = ['messages', 'interactions', 'customers', 'customer_identities', 'media_objects', 'consents', 'customer_channel_state', 'interaction_events', 'offers'] as const;

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await t.api.services.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Deterministic randomness, so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | ReadableStream<Uint8Array>;
}

const form = 'application/x-www-form-urlencoded';

function validMessage(): Record<string, string> {
  return { MessageSid: sid('SM'), AccountSid: testAccountSid, From: 'whatsapp:+34677000111', To: whatsAppSender, WaId: '34677000111', ProfileName: 'Fuzz', Body: 'hola', NumMedia: '0' };
}
function validCall(): Record<string, string> {
  return { CallSid: sid('CA'), AccountSid: testAccountSid, From: '+34677000222', To: voiceNumber, CallStatus: 'ringing', Direction: 'inbound' };
}

function signed(path: string, params: Record<string, string>, signAs?: { path?: string; params?: Record<string, string>; token?: string }): FuzzRequest {
  const signature = twilioSignature(signAs?.token ?? testAuthToken, t.url(signAs?.path ?? path), signAs?.params ?? params);
  return { kind: '', method: 'POST', path, headers: { 'content-type': form, 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() };
}

function generate(count: number): FuzzRequest[] {
  const rnd = prng(20261123);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const junk = (n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + Math.floor(rnd() * 95))).join('');
  const uuid = () => '00000000-0000-4000-8000-' + Math.floor(rnd() * 1e12).toString(16).padStart(12, '0');
  const paths = ['/webhooks/twilio/whatsapp', '/webhooks/twilio/whatsapp/status', '/webhooks/twilio/voice', '/webhooks/twilio/voice/status'];

  const makers: Record<string, () => FuzzRequest> = {
    unsigned: () => ({ kind: '', method: 'POST', path: pick(paths), headers: { 'content-type': form }, body: new URLSearchParams(pick([validMessage, validCall])()).toString() }),
    'bad signature': () => ({ ...signed(pick(paths), validMessage()), headers: { 'content-type': form, 'x-twilio-signature': Buffer.from(junk(20)).toString('base64') } }),
    'other auth token': () => signed('/webhooks/twilio/whatsapp', validMessage(), { token: 'someone-elses-token-0000000000' }),
    'replayed, body changed': () => {
      const original = validMessage();
      return signed('/webhooks/twilio/whatsapp', { ...original, Body: junk(12) }, { params: original });
    },
    'replayed, field added': () => {
      const original = validCall();
      return signed('/webhooks/twilio/voice', { ...original, Extra: junk(5) }, { params: original });
    },
    'replayed to another endpoint': () => {
      const original = validCall();
      return signed(pick(['/webhooks/twilio/voice/status', '/webhooks/twilio/whatsapp']), original, { path: '/webhooks/twilio/voice' });
    },
    'replayed with another query': () => {
      const params = { CallSid: sid('CA'), AccountSid: testAccountSid, QueuePosition: '1' };
      return signed(`/webhooks/twilio/voice/wait?interactionId=${uuid()}`, params, { path: `/webhooks/twilio/voice/wait?interactionId=${uuid()}` });
    },
    'other account': () => signed(pick(['/webhooks/twilio/whatsapp', '/webhooks/twilio/voice']), { ...pick([validMessage, validCall])(), AccountSid: `AC${'9'.repeat(32)}` }),
    'missing field': () => {
      const params = pick([validMessage, validCall])();
      delete params[pick(Object.keys(params).filter((k) => k !== 'AccountSid' && k !== 'ProfileName' && k !== 'WaId' && k !== 'Direction' && k !== 'NumMedia' && k !== 'Body'))];
      return signed(params.CallSid !== undefined || params.CallStatus ? '/webhooks/twilio/voice' : '/webhooks/twilio/whatsapp', params);
    },
    'malformed field': () =>
      pick([
        () => signed('/webhooks/twilio/whatsapp', { ...validMessage(), MessageSid: junk(10) }),
        () => signed('/webhooks/twilio/whatsapp', { ...validMessage(), From: pick(['+34677000111', 'whatsapp:12', `whatsapp:${junk(8)}`]) }),
        () => signed('/webhooks/twilio/whatsapp', { ...validMessage(), NumMedia: pick(['11', '-1', 'x', '2']) }),
        () => signed('/webhooks/twilio/whatsapp', { ...validMessage(), NumMedia: '1', MediaUrl0: pick(['javascript:alert(1)', junk(10), 'ftp://x/y']), MediaContentType0: 'image/jpeg' }),
        () => signed('/webhooks/twilio/whatsapp', { ...validMessage(), Latitude: pick(['91', 'north', '1e400']), Longitude: '3' }),
        () => signed('/webhooks/twilio/whatsapp', { ...validMessage(), Latitude: '40.1' }),
        () => signed('/webhooks/twilio/whatsapp', { ...validMessage(), Body: 'x'.repeat(4097) }),
        () => signed('/webhooks/twilio/whatsapp', { ...validMessage(), Body: '', NumMedia: '0' }),
        () => signed('/webhooks/twilio/whatsapp', { ...validMessage(), WaId: '34600000000' }),
        () => signed('/webhooks/twilio/whatsapp/status', { MessageSid: sid('SM'), AccountSid: testAccountSid, MessageStatus: pick(['lost', '', 'DELIVERED']) }),
        () => signed('/webhooks/twilio/whatsapp/status', { MessageSid: sid('SM'), AccountSid: testAccountSid, MessageStatus: 'failed', ErrorCode: junk(4) }),
        () => signed('/webhooks/twilio/voice', { ...validCall(), CallSid: `CA${junk(5)}` }),
        () => signed('/webhooks/twilio/voice', { ...validCall(), CallStatus: pick(['answered', 'COMPLETED', '']) }),
        () => signed(`/webhooks/twilio/voice/wait?interactionId=${pick([junk(6).replace(/[^A-Za-z0-9]/g, 'x'), '', '1'])}`, { CallSid: sid('CA'), AccountSid: testAccountSid }),
        () => signed('/webhooks/twilio/voice/recording?interactionId=' + uuid(), { CallSid: sid('CA'), AccountSid: testAccountSid, RecordingSid: 'RE1', RecordingUrl: 'x', RecordingStatus: 'completed' }),
        () => signed('/webhooks/twilio/voice/callback?interactionId=' + uuid(), { CallSid: sid('CA'), AccountSid: testAccountSid, Digits: 'abc' }),
      ])(),
    'unknown message or call': () =>
      pick([
        () => signed('/webhooks/twilio/whatsapp/status', { MessageSid: sid('SM'), AccountSid: testAccountSid, MessageStatus: 'delivered' }),
        () => signed(`/webhooks/twilio/whatsapp/status?messageId=${uuid()}`, { MessageSid: sid('SM'), AccountSid: testAccountSid, MessageStatus: 'read' }),
        () => signed('/webhooks/twilio/voice/status', { ...validCall(), CallStatus: 'completed' }),
        () => signed(`/webhooks/twilio/voice/wait?interactionId=${uuid()}`, { CallSid: sid('CA'), AccountSid: testAccountSid, QueuePosition: '3' }),
        () => signed(`/webhooks/twilio/voice/dial-ended?interactionId=${uuid()}`, { CallSid: sid('CA'), AccountSid: testAccountSid, DialCallStatus: 'completed' }),
        () => signed(`/webhooks/twilio/voice/callback?interactionId=${uuid()}`, { CallSid: sid('CA'), AccountSid: testAccountSid, Digits: '1' }),
      ])(),
    'repeated field': () => {
      const params = validMessage();
      const req = signed('/webhooks/twilio/whatsapp', params);
      return { ...req, body: `${req.body as string}&Body=${encodeURIComponent(junk(4))}` };
    },
    'bad percent-encoding': () => ({ ...signed('/webhooks/twilio/whatsapp', validMessage()), body: `Body=%E0%A4%A&MessageSid=${pick(['%zz', '%', '%G1'])}` }),
    'oversized (declared)': () => ({ ...signed(pick(paths), validMessage()), body: `Body=${'a'.repeat(64 * 1024 + 1 + Math.floor(rnd() * 1000))}` }),
    'oversized (streamed)': () => {
      const chunk = new TextEncoder().encode('Body=' + 'b'.repeat(16 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 6) controller.enqueue(chunk);
          else controller.close();
        },
      });
      return { ...signed('/webhooks/twilio/whatsapp', validMessage()), body: stream };
    },
    'wrong content type': () => ({ ...signed(pick(paths), validMessage()), headers: { 'content-type': pick(['application/json', 'text/plain', 'multipart/form-data; boundary=x', '']), 'x-twilio-signature': 'x' }, body: JSON.stringify(validMessage()) }),
    'wrong method': () => ({ kind: '', method: pick(['GET', 'PUT', 'DELETE', 'PATCH']), path: pick(paths), headers: {} }),
    'unknown path': () => ({ ...signed('/webhooks/twilio/sms', validMessage()), path: pick(['/webhooks/twilio/sms', '/webhooks/twilio/voice/../whatsapp', '/webhooks/twilio/whatsapp/', `/webhooks/twilio/${junk(5).replace(/[?#% ]/g, 'x')}`]) }),
    'binary garbage': () => ({ kind: '', method: 'POST', path: pick(paths), headers: { 'content-type': form, 'x-twilio-signature': junk(28) }, body: Uint8Array.from({ length: 200 + Math.floor(rnd() * 2000) }, () => Math.floor(rnd() * 256)) }),
  };
  const kinds = Object.keys(makers);
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    return { ...makers[kind]!(), kind };
  });
}

async function send(r: FuzzRequest): Promise<{ kind: string; status: number; text: string }> {
  const streaming = r.body instanceof ReadableStream;
  const res = await fetch(t.url(r.path), { method: r.method, headers: r.headers, body: r.body as BodyInit | undefined, ...(streaming ? { duplex: 'half' } : {}) } as RequestInit);
  return { kind: r.kind, status: res.status, text: await res.text() };
}

describe('Twilio webhooks under fuzz', () => {
  beforeAll(async () => {
    // Queues exist, so a request that slipped through would write rows.
    const sup = (await t.signIn('supervisor')).token;
    await createQueue(t, sup, { name: 'Everything', channels: ['VOICE', 'WHATSAPP'] });
  });

  it('1,000 malformed, unsigned, replayed or oversized requests: all 4xx with a reason, no crash, no row written', async () => {
    const before = await rowCounts();
    const requests = generate(1000);
    const results: Awaited<ReturnType<typeof send>>[] = [];
    const started = Date.now();
    for (let i = 0; i < requests.length; i += 25) results.push(...(await Promise.all(requests.slice(i, i + 25).map(send))));
    const elapsed = Date.now() - started;

    const byKind: Record<string, Record<number, number>> = {};
    for (const r of results) (byKind[r.kind] ??= {})[r.status] = (byKind[r.kind]![r.status] ?? 0) + 1;
    const outside = results.filter((r) => r.status < 400 || r.status > 499);
    expect(outside, JSON.stringify(byKind)).toEqual([]);
    for (const r of results) {
      expect(r.text.trim().length, `${r.kind} ${r.status} has no reason`).toBeGreaterThan(5);
      expect(r.text).not.toMatch(/\n\s+at |Error:/);
    }
    // Each kind is refused for its own reason.
    expect(Object.keys(byKind['unsigned']!)).toEqual(['401']);
    for (const kind of ['bad signature', 'other auth token', 'replayed, body changed', 'replayed, field added', 'replayed to another endpoint', 'replayed with another query', 'other account']) expect(Object.keys(byKind[kind]!), kind).toEqual(['403']);
    expect(Object.keys(byKind['oversized (declared)']!)).toEqual(['413']);
    expect(Object.keys(byKind['oversized (streamed)']!)).toEqual(['413']);
    expect(Object.keys(byKind['wrong content type']!)).toEqual(['415']);
    expect(Object.keys(byKind['wrong method']!)).toEqual(['405']);
    expect(Object.keys(byKind['malformed field']!).filter((s) => s !== '400' && s !== '404'), JSON.stringify(byKind['malformed field'])).toEqual([]);
    expect(results.filter((r) => r.kind === 'missing field' && !(r.status === 400 && /is required|come together|no body/.test(r.text)))).toEqual([]);

    expect(await rowCounts()).toEqual(before);
    expect(elapsed).toBeLessThan(30_000);
    console.log(`fuzz: ${results.length} requests in ${elapsed} ms`, JSON.stringify(byKind));

    // Still serving: a genuine signed message is stored.
    const health = await fetch(t.url('/health'));
    expect(health.status).toBe(200);
    const genuine = validMessage();
    expect((await postSigned(t.url('/webhooks/twilio/whatsapp'), genuine)).status).toBe(200);
    expect((await rowCounts()).messages).toBe(before.messages! + 1);
  });
});
