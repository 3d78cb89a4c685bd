import { beforeAll, describe, expect, it } from 'vitest';
import { storeMediaObject } from '@cc/db/repositories/media-objects';
import { createAgent, createQueue, type Agent } from '../support/routing-fixtures';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, whatsAppSender } from '../support/twilio/stack';
import { until } from '../support/until';

// GET /media/<id>: who may download a stored file (a session allowed to see its interaction, or a
// short-lived signature), and how it is served (nothing runs as a page on the console's origin).
const t = useTwilioTestApi();
let sup: string;
let held: Agent;
let outsider: string;
let interactionId: string;
let mediaId: string;
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(512, 7)]);

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
  const queueId = await createQueue(t, sup, { name: 'WhatsApp', channels: ['WHATSAPP'] });
  held = await createAgent(t, sup, { queueIds: [queueId], capacity: { whatsapp: 3 } });
  outsider = (await t.signIn('agent')).token;
  t.media.serve({ ME1: { contentType: 'image/jpeg', data: jpeg } });
  const params = { MessageSid: sid('SM'), AccountSid: testAccountSid, From: 'whatsapp:+34612000111', To: whatsAppSender, WaId: '34612000111', ProfileName: 'Eva', Body: 'foto', NumMedia: '1', MediaUrl0: t.media.url('ME1'), MediaContentType0: 'image/jpeg' };
  expect((await postSigned(t.url('/webhooks/twilio/whatsapp'), params)).status).toBe(200);
  const db = t.api.services.db;
  const message = await db.selectFrom('messages').selectAll().where('provider_message_id', '=', params.MessageSid).executeTakeFirstOrThrow();
  interactionId = message.interaction_id!;
  mediaId = /\/media\/([0-9a-f-]{36})$/.exec(message.media![0]!.url)![1]!;
  // Offered to the one agent of the queue: involved from then on.
  await until(() => db.selectFrom('offers').select('agent_id').where('interaction_id', '=', interactionId).execute(), (o) => o.some((x) => x.agent_id === held.userId));
});

const get = (path: string, token?: string) => fetch(t.url(path), { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('media access', () => {
  it('needs a session allowed to see the interaction: none → 401, uninvolved agent → 403, offered agent and supervisor → 200', async () => {
    expect((await get(`/media/${mediaId}`)).status).toBe(401);
    expect((await get(`/media/${mediaId}`, 'not-a-valid-token')).status).toBe(401);
    const refused = await get(`/media/${mediaId}`, outsider);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain(jpeg.subarray(0, 4).toString());
    for (const token of [held.token, sup]) {
      const ok = await get(`/media/${mediaId}`, token);
      expect(ok.status).toBe(200);
      expect(Buffer.from(await ok.arrayBuffer()).equals(jpeg)).toBe(true);
    }
    expect((await get('/media/00000000-0000-4000-8000-000000000000', sup)).status).toBe(404);
    // The console's <img src="/media/…"> carries the session cookie instead.
    const byCookie = (token: string) => fetch(t.url(`/media/${mediaId}`), { headers: { cookie: `cc_session=${token}` } });
    expect((await byCookie(held.token)).status).toBe(200);
    expect((await byCookie(outsider)).status).toBe(403);
  });

  it('a signed URL is read without a session until it expires; a tampered or foreign signature is refused', async () => {
    const { mediaUrls } = t.api.services;
    const signed = mediaUrls.signedPath(mediaId, 3600, new Date());
    const ok = await get(signed);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(jpeg)).toBe(true);
    expect((await get(mediaUrls.signedPath(mediaId, 60, new Date(Date.now() - 3600_000)))).status).toBe(403);
    const tampered = signed.replace(/sig=(.)/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    expect((await get(tampered)).status).toBe(403);
    const later = signed.replace(/exp=(\d+)/, (_m, e: string) => `exp=${Number(e) + 3600}`);
    expect((await get(later)).status).toBe(403);
    const other = await storeMediaObject(t.api.services.db, { contentType: 'image/png', data: Buffer.from('x'), sourceUrl: null, kind: 'message', interactionId, uploadedBy: null, filename: null });
    expect((await get(signed.replace(mediaId, other.id))).status).toBe(403);
    // Even a session does not rescue a bad signature.
    expect((await get(tampered, sup)).status).toBe(403);
  });

  it('library documents are for every signed-in user; an upload not yet pushed for its uploader (and supervisors)', async () => {
    const db = t.api.services.db;
    const doc = await storeMediaObject(db, { contentType: 'application/pdf', data: Buffer.from('%PDF-1.7 doc'), sourceUrl: null, kind: 'push_document', interactionId: null, uploadedBy: null, filename: null });
    expect((await get(`/media/${doc.id}`, outsider)).status).toBe(200);
    expect((await get(`/media/${doc.id}`)).status).toBe(401);
    const upload = await storeMediaObject(db, { contentType: 'application/pdf', data: Buffer.from('%PDF-1.7 up'), sourceUrl: null, kind: 'push_upload', interactionId: null, uploadedBy: held.userId, filename: null });
    expect((await get(`/media/${upload.id}`, held.token)).status).toBe(200);
    expect((await get(`/media/${upload.id}`, sup)).status).toBe(200);
    expect((await get(`/media/${upload.id}`, outsider)).status).toBe(403);
  });
});

describe('media headers', () => {
  const store = (contentType: string, data: string, filename: string | null = null) =>
    storeMediaObject(t.api.services.db, { contentType, data: Buffer.from(data), sourceUrl: null, kind: 'message', interactionId, uploadedBy: null, filename });
  const common = { 'x-content-type-options': 'nosniff', 'content-security-policy': "sandbox; default-src 'none'", 'cross-origin-resource-policy': 'same-origin' };
  const headersOf = (res: Response) => Object.fromEntries([...Object.keys(common), 'content-type', 'content-disposition'].map((h) => [h, res.headers.get(h)]));

  it('SVG and HTML (an email attachment’s own type) are octet-stream downloads under a sandbox; never inline', async () => {
    const svg = await store('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"/>', 'logo".svg');
    expect(headersOf(await get(`/media/${svg.id}`, sup))).toEqual({ ...common, 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="logo_.svg"' });
    const html = await store('text/html; charset=utf-8', '<script>alert(1)</script>', 'factura\r\n<b>.html');
    expect(headersOf(await get(`/media/${html.id}`, sup))).toEqual({ ...common, 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="factura_<b>.html"' });
    const xml = await store('application/xhtml+xml', '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>');
    expect(headersOf(await get(`/media/${xml.id}`, sup))).toMatchObject({ 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="media-${xml.id}"` });
  });

  it('a PDF downloads with its type (Twilio needs it) and its name; a PNG shows inline', async () => {
    const pdf = await store('application/pdf', '%PDF-1.4 x', 'Presupuesto año.pdf');
    expect(headersOf(await get(`/media/${pdf.id}`, sup))).toEqual({
      ...common,
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="Presupuesto a_o.pdf"; filename*=UTF-8''Presupuesto%20a%C3%B1o.pdf`,
    });
    const png = await store('image/png', '\x89PNG');
    expect(headersOf(await get(`/media/${png.id}`, sup))).toEqual({ ...common, 'content-type': 'image/png', 'content-disposition': 'inline' });
  });
});
