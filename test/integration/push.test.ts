import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordInbound } from '@cc/db/repositories/customer-channel-state';
import { storeMediaObject } from '@cc/db/repositories/media-objects';
import { replaceTemplates } from '@cc/db/repositories/whatsapp-templates';
import { subscribeSse, type SseSubscription } from '../support/graphql-sse';
import { acceptedCall, pushOps, recordConsent, type PushEvent } from '../support/push/call';
import { createAgent, createQueue, type Agent } from '../support/routing-fixtures';
import { formFields, type SentRequest } from '../support/twilio/recording-client';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, whatsAppSender } from '../support/twilio/stack';
import { until } from '../support/until';

// In-call push end to end with the real worker: a signed call, accepted; verbal consent; pushes
// whose Twilio requests are checked against the OpenAPI contract (Prism) and recorded as sent;
// signed status callbacks; the tracked short link; the agent's live subscription; the timeline.
const t = useTwilioTestApi({
  env: { PUSH_LINK_DOMAINS: 'example.com', PUSH_MIN_SPACING_SECONDS: '6', PUSH_DAILY_BUSINESS_INITIATED_LIMIT: '2' },
});
const approved = `HX${'a1'.repeat(16)}`;
const pending = `HX${'b2'.repeat(16)}`;
let agent: Agent;
const subs: SseSubscription<unknown>[] = [];

beforeAll(async () => {
  const sup = (await t.signIn('supervisor')).token;
  const phones = await createQueue(t, sup, { name: 'Phones', channels: ['VOICE'] });
  await createQueue(t, sup, { name: 'WhatsApp', channels: ['WHATSAPP'] });
  agent = await createAgent(t, sup, { queueIds: [phones], capacity: { voice: 10 } });
  await replaceTemplates(
    t.api.services.db,
    [
      { contentSid: approved, friendlyName: 'push_location', language: 'es', body: 'Su agente le envía {{1}}: {{2}}', variables: { 1: 'la dirección', 2: 'https://example.com' }, types: { 'twilio/text': { body: 'Su agente le envía {{1}}: {{2}}' } }, approvalStatus: 'approved', category: 'UTILITY' },
      { contentSid: pending, friendlyName: 'promo', language: 'es', body: 'Oferta {{1}}', variables: { 1: 'x' }, types: { 'twilio/text': { body: 'Oferta {{1}}' } }, approvalStatus: 'pending', category: 'MARKETING' },
    ],
    new Date(),
  );
}, 60_000);
afterAll(() => subs.forEach((s) => s.close()));

const messagesSent = () => t.twilio.to('/Messages.json');
async function watchPushes(gid: string) {
  const sub = await subscribeSse<PushEvent>(`${t.api.url}/graphql`, pushOps.pushUpdated, { id: gid }, agent.token);
  subs.push(sub as SseSubscription<unknown>);
  return sub;
}
type PushResult = { __typename: string; message?: string; push?: { id: string; mode: string; status: string; to: string; links: { shortUrl: string; url: string }[]; message: { id: string; body: string | null } }; [k: string]: unknown };
async function push(input: Record<string, unknown>): Promise<PushResult> {
  const res = await t.gql<{ push: PushResult }>(pushOps.push, { input }, agent.token);
  if (!res.data) throw new Error(JSON.stringify(res));
  return res.data.push;
}
/** Twilio calls back the status URL it was given, signed. */
function statusCallback(request: SentRequest, messageSid: string, status: string, errorCode?: string) {
  return postSigned(String(formFields(request).StatusCallback), { MessageSid: messageSid, AccountSid: testAccountSid, MessageStatus: status, ...(errorCode ? { ErrorCode: errorCode } : {}) });
}
const providerSid = async (messageId: string) =>
  (await until(() => t.api.services.db.selectFrom('messages').select('provider_message_id').where('id', '=', messageId).executeTakeFirstOrThrow(), (m) => !!m.provider_message_id)).provider_message_id!;

describe('in-call push over WhatsApp', () => {
  it('window closed: consent on the call → location as an approved template → sent, delivered, read → short link opened, all live and on the timeline', async () => {
    const call = await acceptedCall(t, agent);
    const live = await watchPushes(call.gid);
    const location = { latitude: 40.4168, longitude: -3.7038, name: 'Oficina Sol', address: 'Puerta del Sol 1, Madrid' };
    const before = messagesSent().length;

    expect(await push({ interactionId: call.gid, kind: 'LOCATION', location })).toMatchObject({ __typename: 'NoConsentError', message: expect.stringMatching(/record their consent first/) });

    const consent = await recordConsent(t, agent.token, call.gid);
    expect(consent).toMatchObject({ consent: { granted: true, purpose: 'SERVICE', source: 'agent_verbal', evidence: { callSid: call.callSid, agentId: agent.userId, purpose: 'service', wording: expect.stringContaining('WhatsApp'), at: expect.any(String) } } });

    expect(await push({ interactionId: call.gid, kind: 'LOCATION', location })).toMatchObject({ __typename: 'TemplateRequiredError', windowClosedAt: null, message: expect.stringMatching(/choose an approved template/) });
    expect(await push({ interactionId: call.gid, kind: 'LOCATION', location, template: { contentSid: pending } })).toMatchObject({ __typename: 'TemplateNotApprovedError' });
    // The pin fills the last placeholder; the first one needs the agent's words (WhatsApp refuses an empty one).
    expect(await push({ interactionId: call.gid, kind: 'LOCATION', location, template: { contentSid: approved } })).toMatchObject({ __typename: 'TemplateVariablesMissingError', message: expect.stringContaining('{{1}}') });
    expect(messagesSent().length).toBe(before);

    const pushed = await push({ interactionId: call.gid, kind: 'LOCATION', location, template: { contentSid: approved, variables: [{ key: '1', value: 'la ubicación de Oficina Sol' }] } });
    expect(pushed).toMatchObject({ __typename: 'PushPayload', push: { mode: 'TEMPLATE', to: call.caller } });
    const shortUrl = pushed.push!.links[0]!.shortUrl;
    expect(shortUrl).toBe(`${t.api.url}/l/${shortUrl.split('/l/')[1]}`);
    expect(shortUrl.split('/l/')[1]).toMatch(/^[\w-]{22}$/);
    expect(pushed.push!.links[0]!.url).toBe('https://www.google.com/maps/search/?api=1&query=40.4168,-3.7038');

    // On the wire: one template send, valid against Twilio's contract (Prism answered 201), no Body.
    const [sent] = await until(() => messagesSent().slice(before), (s) => s.length > 0);
    expect(sent).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${testAccountSid}/Messages.json`, status: 201 });
    const fields = formFields(sent!);
    expect(fields).toEqual({
      From: whatsAppSender,
      To: `whatsapp:${call.caller}`,
      ContentSid: approved,
      ContentVariables: JSON.stringify({ 1: 'la ubicación de Oficina Sol', 2: shortUrl }),
      StatusCallback: `${t.api.url}/webhooks/twilio/whatsapp/status?messageId=${pushed.push!.message.id}`,
    });

    const messageSid = await providerSid(pushed.push!.message.id);
    for (const status of ['sent', 'delivered', 'read']) {
      expect((await statusCallback(sent!, messageSid, status)).status).toBe(200);
      await live.next((e) => e.pushUpdated.id === pushed.push!.id && e.pushUpdated.status === status);
    }
    // Out of order: a late `sent` never undoes `read`.
    expect((await statusCallback(sent!, messageSid, 'sent')).status).toBe(200);

    const opened = await fetch(shortUrl, { redirect: 'manual', headers: { 'user-agent': 'WhatsApp/2.24 Mobile' } });
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe('https://www.google.com/maps/search/?api=1&query=40.4168,-3.7038');
    const seen = await live.next((e) => e.pushUpdated.id === pushed.push!.id && e.pushUpdated.opened);
    expect(seen.pushUpdated).toMatchObject({ status: 'read', links: [{ opens: 1, lastUserAgent: 'WhatsApp/2.24 Mobile' }] });
    expect((await fetch(`${t.api.url}/l/${'x'.repeat(22)}`, { redirect: 'manual' })).status).toBe(404);
    expect(messagesSent().length).toBe(before + 1);

    const timeline = await t.gql<{ customer: { timeline: { __typename: string; type?: string; deliveryStatus?: string; body?: string; interaction?: { id: string }; messageInteraction?: { id: string } }[] } }>(
      `query($id: ID!) { customer(id: $id) { timeline { __typename ... on InteractionEvent { type interaction { id } } ... on Message { body deliveryStatus messageInteraction: interaction { id } } } } }`,
      { id: Buffer.from(`Customer:${call.customerId}`).toString('base64') },
      agent.token,
    );
    if (!timeline.data) throw new Error(JSON.stringify(timeline));
    const items = timeline.data.customer.timeline;
    expect(items.every((i) => (i.interaction ?? i.messageInteraction)?.id === call.gid)).toBe(true);
    // (The workflow bridges the call in parallel, so call_bridged lands anywhere after assigned.)
    expect(items.filter((i) => i.__typename === 'InteractionEvent' && i.type !== 'call_bridged').map((i) => i.type)).toEqual([
      'enqueued', 'offered', 'assigned', 'consent_recorded', 'push_requested', 'push_status', 'push_status', 'push_status', 'push_status', 'push_link_opened',
    ]);
    expect(items.find((i) => i.__typename === 'Message')).toMatchObject({ deliveryStatus: 'read', body: `Su agente le envía la ubicación de Oficina Sol: ${shortUrl}` });
  });

  it('window open (the customer wrote on WhatsApp 10 minutes ago): free-form location and media', async () => {
    const call = await acceptedCall(t, agent);
    await recordConsent(t, agent.token, call.gid);
    await recordInbound(t.api.services.db, call.customerId, 'whatsapp', new Date(Date.now() - 10 * 60_000));
    const window = await t.gql<{ interaction: { pushPolicy: { windowOpen: boolean; consent: string; serviceWindowExpiresAt: string } } }>(
      `query($id: ID!) { interaction(id: $id) { pushPolicy { windowOpen consent serviceWindowExpiresAt } } }`,
      { id: call.gid },
      agent.token,
    );
    expect(window.data!.interaction.pushPolicy).toMatchObject({ windowOpen: true, consent: 'GRANTED' });
    expect(new Date(window.data!.interaction.pushPolicy.serviceWindowExpiresAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const before = messagesSent().length;
    const pushed = await push({ interactionId: call.gid, kind: 'LOCATION', location: { latitude: 41.3874, longitude: 2.1686, name: 'Tienda Barcelona', address: 'Plaça de Catalunya' } });
    expect(pushed).toMatchObject({ __typename: 'PushPayload', push: { mode: 'FREE_FORM' } });
    const [sent] = await until(() => messagesSent().slice(before), (s) => s.length > 0);
    expect(sent!.status).toBe(201);
    expect(formFields(sent!)).toMatchObject({ To: `whatsapp:${call.caller}`, Body: 'Tienda Barcelona\nPlaça de Catalunya', PersistentAction: 'geo:41.3874,2.1686|Tienda Barcelona' });
    expect(formFields(sent!).ContentSid).toBeUndefined();

    // Media to another caller in the window (the first caller's 6 s spacing is still running).
    const other = await acceptedCall(t, agent);
    await recordConsent(t, agent.token, other.gid);
    await recordInbound(t.api.services.db, other.customerId, 'whatsapp', new Date(Date.now() - 10 * 60_000));
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x20)]);
    const uploaded = await t.gql<{ uploadPushMedia: { __typename: string; mediaId: string; url: string } }>(pushOps.upload, { input: { contentType: 'application/pdf', dataBase64: pdf.toString('base64') } }, agent.token);
    expect(uploaded.data!.uploadPushMedia.__typename).toBe('UploadedPushMedia');
    const mediaPush = await push({ interactionId: other.gid, kind: 'MEDIA', media: { mediaId: uploaded.data!.uploadPushMedia.mediaId, caption: 'Su contrato' } });
    expect(mediaPush).toMatchObject({ __typename: 'PushPayload', push: { mode: 'FREE_FORM' } });
    const [mediaSent] = await until(() => messagesSent().slice(before + 1), (s) => s.length > 0);
    expect(mediaSent!.status).toBe(201);
    // Twilio fetches the file by a short-lived signed URL, without a session.
    const mediaUrl = String(formFields(mediaSent!).MediaUrl);
    expect(formFields(mediaSent!)).toMatchObject({ To: `whatsapp:${other.caller}`, Body: 'Su contrato' });
    expect(mediaUrl).toMatch(new RegExp(`^${t.api.url}/media/${uploaded.data!.uploadPushMedia.mediaId}\\?exp=\\d+&sig=[0-9a-f]{64}$`));
    const served = await fetch(mediaUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment; filename="media-[0-9a-f-]{36}\.pdf"$/);
    expect((await fetch(`${t.api.url}/media/${uploaded.data!.uploadPushMedia.mediaId}`)).status).toBe(401);
  });

  it('a failure meaning "no WhatsApp on this number" (63016-class) offers the agent an SMS fallback, live', async () => {
    const call = await acceptedCall(t, agent);
    await recordConsent(t, agent.token, call.gid);
    await recordInbound(t.api.services.db, call.customerId, 'whatsapp', new Date(Date.now() - 60_000));
    const live = await watchPushes(call.gid);
    const before = messagesSent().length;
    const pushed = await push({ interactionId: call.gid, kind: 'LINK', link: { url: 'https://example.com/ayuda', title: 'Ayuda' } });
    expect(pushed.__typename).toBe('PushPayload');
    const [sent] = await until(() => messagesSent().slice(before), (s) => s.length > 0);
    const messageSid = await providerSid(pushed.push!.message.id);
    expect((await statusCallback(sent!, messageSid, 'failed', '63003')).status).toBe(200);
    const offered = await live.next((e) => e.pushUpdated.id === pushed.push!.id && e.pushUpdated.fallback === 'OFFERED');
    expect(offered.pushUpdated).toMatchObject({ status: 'failed', errorCode: '63003' });

    // The agent sends it by SMS instead: one plain SMS (no whatsapp: prefix), contract-checked; only once.
    const sms = `mutation($id: ID!) { sendPushBySms(input: { pushId: $id }) { __typename ... on PushPayload { push { fallback } } ... on Error { message } } }`;
    const first = await t.gql<{ sendPushBySms: { __typename: string; push?: { fallback: string } } }>(sms, { id: pushed.push!.id }, agent.token);
    expect(first.data!.sendPushBySms).toEqual({ __typename: 'PushPayload', push: { fallback: 'SENT' } });
    const smsRequest = messagesSent().at(-1)!;
    expect(smsRequest.status).toBe(201);
    expect(formFields(smsRequest)).toEqual({ From: '+34910000001', To: call.caller, Body: `Ayuda\n${pushed.push!.links[0]!.shortUrl}` });
    const again = await t.gql<{ sendPushBySms: { __typename: string } }>(sms, { id: pushed.push!.id }, agent.token);
    expect(again.data!.sendPushBySms.__typename).toBe('SmsFallbackNotOfferedError');
    expect(messagesSent().length).toBe(before + 2);
  });

  it('refusals are typed and send nothing: no consent, opted out, domain, media, spacing', async () => {
    const call = await acceptedCall(t, agent);
    const before = messagesSent().length;
    const link = { url: 'https://www.example.com/tarifas', title: 'Tarifas' };
    expect(await push({ interactionId: call.gid, kind: 'LINK', link })).toMatchObject({ __typename: 'NoConsentError' });
    await recordConsent(t, agent.token, call.gid);
    await recordInbound(t.api.services.db, call.customerId, 'whatsapp', new Date(Date.now() - 60_000));

    expect(await push({ interactionId: call.gid, kind: 'LINK', link: { url: 'https://evil.example.org/login', title: 'x' } })).toMatchObject({ __typename: 'LinkNotAllowedError', host: 'evil.example.org' });
    expect(await push({ interactionId: call.gid, kind: 'LINK', link: { url: 'https://example.com@evil.example.org/', title: 'x' } })).toMatchObject({ __typename: 'LinkNotAllowedError' });
    // What the agent types beside the push follows the same rule.
    expect(await push({ interactionId: call.gid, kind: 'LINK', link: { url: 'https://www.example.com/tarifas', title: 'Mejor en evil.example.org/pay' } })).toMatchObject({ __typename: 'LinkNotAllowedError', host: 'evil.example.org' });

    const bigPng = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5 * 1024 * 1024)]);
    expect((await t.gql<{ uploadPushMedia: { reason: string } }>(pushOps.upload, { input: { contentType: 'image/png', dataBase64: bigPng.toString('base64') } }, agent.token)).data!.uploadPushMedia).toMatchObject({ reason: 'SIZE' });
    const pdfAsPng = Buffer.from('%PDF-1.7\n hello');
    expect((await t.gql<{ uploadPushMedia: { reason: string } }>(pushOps.upload, { input: { contentType: 'image/png', dataBase64: pdfAsPng.toString('base64') } }, agent.token)).data!.uploadPushMedia).toMatchObject({ reason: 'MISMATCH' });
    expect(await push({ interactionId: call.gid, kind: 'MEDIA', media: { mediaId: '00000000-0000-4000-8000-000000000000' } })).toMatchObject({ __typename: 'MediaRefusedError', reason: 'MISSING' });
    // Only the agent's own uploads go by id: another conversation's attachment is not theirs to forward.
    const someoneElses = await storeMediaObject(t.api.services.db, { contentType: 'application/pdf', data: Buffer.from('%PDF-1.7\n private'), sourceUrl: null, kind: 'message', interactionId: null, uploadedBy: null, filename: null });
    expect(await push({ interactionId: call.gid, kind: 'MEDIA', media: { mediaId: someoneElses.id } })).toMatchObject({ __typename: 'MediaRefusedError', reason: 'MISSING' });
    expect(messagesSent().length).toBe(before);

    // Spacing: the second push to the same person within 6 s is refused.
    const first = await push({ interactionId: call.gid, kind: 'LINK', link });
    expect(first.__typename).toBe('PushPayload');
    expect(first.push!.message.body).toMatch(new RegExp(`^Tarifas\n${t.api.url}/l/`));
    const second = await push({ interactionId: call.gid, kind: 'LINK', link });
    expect(second).toMatchObject({ __typename: 'PushTooSoonError', retryAfterSeconds: expect.any(Number) });
    expect(second.retryAfterSeconds as number).toBeGreaterThan(0);
    expect(second.retryAfterSeconds as number).toBeLessThanOrEqual(6);
    await until(() => messagesSent().length, (n) => n === before + 1);
    expect(formFields(messagesSent().at(-1)!).Body).toBe(first.push!.message.body);

    // The customer answers STOP on WhatsApp: every later push is refused until a new opt-in.
    const stop = await postSigned(t.url('/webhooks/twilio/whatsapp'), { MessageSid: sid('SM'), AccountSid: testAccountSid, From: `whatsapp:${call.caller}`, To: whatsAppSender, Body: 'BAJA', NumMedia: '0' });
    expect(stop.status).toBe(200);
    expect(await push({ interactionId: call.gid, kind: 'LINK', link })).toMatchObject({ __typename: 'CustomerOptedOutError' });
    const policy = await t.gql<{ interaction: { pushPolicy: { consent: string } } }>(`query($id: ID!) { interaction(id: $id) { pushPolicy { consent } } }`, { id: call.gid }, agent.token);
    expect(policy.data!.interaction.pushPolicy.consent).toBe('OPTED_OUT');
    await new Promise((r) => setTimeout(r, 200));
    expect(messagesSent().length).toBe(before + 1);
  });

  it('the daily business-initiated budget, once used up, refuses template pushes', async () => {
    // The first test used 1 of 2 conversations today.
    const a = await acceptedCall(t, agent);
    await recordConsent(t, agent.token, a.gid);
    const template = { contentSid: approved, variables: [{ key: '1', value: 'nuestras tarifas' }] };
    const link = { url: 'https://example.com/tarifas', title: 'Tarifas' };
    expect((await push({ interactionId: a.gid, kind: 'LINK', link, template })).__typename).toBe('PushPayload');
    const b = await acceptedCall(t, agent);
    await recordConsent(t, agent.token, b.gid);
    const before = messagesSent().length;
    expect(await push({ interactionId: b.gid, kind: 'LINK', link, template })).toMatchObject({ __typename: 'DailyBudgetExhaustedError', limit: 2 });
    await new Promise((r) => setTimeout(r, 300));
    expect(messagesSent().length).toBe(before);
  });

  it('another agent cannot follow the pushes of a call they have no part in', async () => {
    const call = await acceptedCall(t, agent);
    const stranger = (await t.signIn('agent')).token;
    const res = await fetch(`${t.api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${stranger}` },
      body: JSON.stringify({ query: pushOps.pushUpdated, variables: { id: call.gid } }),
    });
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    await reader.cancel();
    expect(new TextDecoder().decode(value)).toContain('FORBIDDEN');
  });

  it('push figures for supervisors: sent, delivered and read rates, link opens, refusals by reason', async () => {
    const sup = (await t.signIn('supervisor')).token;
    const res = await t.gql<{ pushFigures: Record<string, unknown> & { refusals: { reason: string; count: number }[] } }>(
      `{ pushFigures { pushes sent delivered read failed deliveredRate readRate linkOpenedRate medianSecondsCallToPush refusals { reason count } } }`,
      {},
      sup,
    );
    const f = res.data!.pushFigures;
    expect(f).toMatchObject({ read: 1, failed: 1, linkOpenedRate: expect.any(Number), medianSecondsCallToPush: expect.any(Number) });
    expect(f.sent).toBeGreaterThanOrEqual(6);
    const reasons = Object.fromEntries(f.refusals.map((r) => [r.reason, r.count]));
    expect(reasons).toMatchObject({ no_consent: 2, window_closed: 1, template_not_approved: 1, link_not_allowed: 3, media_refused: 2, spacing: 1, opted_out: 1, budget: 1 });
    expect((await t.gql('{ pushFigures { pushes } }', {}, agent.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the figures follow live on pushFiguresUpdated: a refusal reaches the supervisor counted', async () => {
    const sup = (await t.signIn('supervisor')).token;
    type FiguresEvent = { pushFiguresUpdated: { refusals: { reason: string; count: number }[] } };
    const live = await subscribeSse<FiguresEvent>(`${t.api.url}/graphql`, 'subscription { pushFiguresUpdated { refusals { reason count } } }', {}, sup);
    subs.push(live as SseSubscription<unknown>);
    const count = (e: FiguresEvent) => e.pushFiguresUpdated.refusals.find((r) => r.reason === 'no_consent')?.count ?? 0;
    // A call whose caller never consented: the push is refused, and the figures move.
    const call = await acceptedCall(t, agent);
    expect((await push({ interactionId: call.gid, kind: 'LOCATION', location: { latitude: 40.4, longitude: -3.7, name: 'Oficina' } })).__typename).toBe('NoConsentError');
    const event = await live.next((e) => count(e) >= 3, 10_000);
    expect(count(event)).toBe(3);
  });
});

