import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpack } from '@rrweb/packer';
import { Redis } from 'ioredis';
import { createCobrowseLedger } from '@cc/api/cobrowse/ledger';
import { createAppPubSub } from '@cc/api/pubsub';
import { createAgent as createAgentProfile } from '@cc/db/repositories/agents';
import { recordInbound } from '@cc/db/repositories/customer-channel-state';
import { listCobrowseRecordings } from '@cc/db/repositories/cobrowse';
import { acceptedCall, gidOf, rawId, recordConsent } from '../support/push/call';
import { cobrowseOps as ops, attributeChange, canvas, fieldValues, fullSnapshot, input, meta, mutation, type AgentBatch, type CustomerEvent } from '../support/cobrowse';
import { shareLive, watchLive } from '../support/cobrowse-live';
import { subscribeSse, type SseSubscription } from '../support/graphql-sse';
import { createAgent, createQueue, type Agent } from '../support/routing-fixtures';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, voiceNumber } from '../support/twilio/stack';
import { until } from '../support/until';

// Voice co-browsing end to end over GraphQL with the whole stack (Twilio through Prism): the code
// read over the phone and the invitation pushed over WhatsApp, consent on the call's timeline,
// events to the agent in order, guidance to the customer, the limits, the end with the call.
const site = 'https://shop.cobrowse.test';
const t = useTwilioTestApi({
  env: { PUSH_LINK_DOMAINS: 'shop.cobrowse.test', PUSH_MIN_SPACING_SECONDS: '0', COBROWSE_MAX_EVENT_BYTES: '65536', COBROWSE_MAX_SESSION_BYTES: '200000', COBROWSE_CODE_TRIES_PER_AGENT: '5', COBROWSE_SHARES_PER_MINUTE: '1000',
    // With Redis (CI, when it answers) the batches are counted there, as across replicas.
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `test-cobrowse-${process.pid}-${Date.now()}` } : {}),
  },
});
let sup: string;
let agent: Agent;
let agentName: string;
const subs: SseSubscription<unknown>[] = [];
afterAll(() => subs.forEach((s) => s.close()));

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
  const phones = await createQueue(t, sup, { name: 'Atención al cliente', channels: ['VOICE'] });
  const web = await createQueue(t, sup, { name: 'Web', channels: ['WEBCHAT'] });
  // Every test takes calls of its own and keeps them: room for all of them.
  agent = await createAgent(t, sup, { queueIds: [phones], capacity: { voice: 20 } });
  agentName = ((await t.gql<{ viewer: { name: string } }>('{ viewer { name } }', {}, agent.token)).data!.viewer.name);
  for (const [key, retention] of [['shop', 0], ['shop-kept', 30]] as const) {
    const saved = await t.gql<{ saveChatSite: { __typename: string } }>(
      'mutation($input: SaveChatSiteInput!) { saveChatSite(input: $input) { __typename } }',
      { input: { key, name: 'Shop', queueId: web, allowedOrigins: [key === 'shop' ? site : 'https://kept.cobrowse.test'], cobrowseRetentionDays: retention } },
      sup,
    );
    expect(saved.data?.saveChatSite.__typename).toBe('ChatSitePayload');
  }
}, 60_000);

type Gql<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
/** The widget: its page's Origin, its session token. */
async function widget<T>(query: string, variables: Record<string, unknown>, token?: string, origin = site): Promise<Gql<T>> {
  const res = await fetch(`${t.api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as Gql<T>;
}
type Share = { token: string; session: { id: string; code: string; status: string } };
async function share(siteKey = 'shop', origin = site): Promise<Share> {
  const res = await widget<{ startCobrowseShare: Share & { __typename: string } }>(ops.startShare, { input: { siteKey } }, undefined, origin);
  if (res.data?.startCobrowseShare.__typename !== 'StartCobrowseSharePayload') throw new Error(JSON.stringify(res));
  return res.data.startCobrowseShare;
}
const join = async (who: Agent, interactionGid: string, code: string) =>
  (await t.gql<{ joinCobrowseByCode: { __typename: string; session?: { id: string; status: string }; message?: string } }>(ops.join, { input: { interactionId: interactionGid, code } }, who.token)).data!.joinCobrowseByCode;
async function send(s: Share, seq: number, events: unknown[], url = `${site}/cart`, origin = site) {
  const res = await widget<{ sendCobrowseEvents: { __typename: string; accepted?: boolean; seq?: number; masked?: number; reason?: string } }>(ops.send, { input: { sessionId: s.session.id, seq, url, events } }, s.token, origin);
  if (!res.data) throw new Error(JSON.stringify(res));
  return res.data.sendCobrowseEvents;
}
const accept = async (s: Share, origin = site) =>
  (await widget<{ acceptCobrowse: { __typename: string; session?: { status: string } } }>(ops.accept, { input: { sessionId: s.session.id, wording: `${agentName}, Atención al cliente, quiere ver esta página. ¿Lo permite? Sí.` } }, s.token, origin)).data!.acceptCobrowse;
async function customerStream(s: Share) {
  const sub = await subscribeSse<CustomerEvent>(`${t.api.url}/graphql`, ops.customerEvents, { id: s.session.id }, s.token);
  subs.push(sub as SseSubscription<unknown>);
  return sub;
}
/** The agent's replayer: resolves once the stream is live (its first event is the session's status). */
async function agentStream(sessionId: string, token = agent.token) {
  const sub = await subscribeSse<AgentBatch>(`${t.api.url}/graphql`, ops.agentEvents, { id: sessionId }, token);
  subs.push(sub as SseSubscription<unknown>);
  await sub.next((e) => e.cobrowseEvents.kind === 'STATUS');
  return sub;
}
/** An active session on a fresh call, by code. */
async function activeSession(siteKey = 'shop', origin = site) {
  const call = await acceptedCall(t, agent);
  const s = await share(siteKey, origin);
  expect(await join(agent, call.gid, s.session.code)).toMatchObject({ __typename: 'JoinCobrowseByCodePayload' });
  expect(await accept(s, origin)).toMatchObject({ session: { status: 'ACTIVE' } });
  return { call, s };
}
const refusal = (sessionId: string, token: string) =>
  new Promise<unknown>((resolve) => {
    subscribeSse(`${t.api.url}/graphql`, ops.agentEvents, { id: sessionId }, token, () => resolve('an event arrived'), (error) => resolve(error)).catch(resolve);
  });

/** Runs `body` with every pub/sub publish of the API recorded (as JSON): what it let through. */
async function withPublished(body: (published: string[]) => Promise<void>): Promise<void> {
  const published: string[] = [];
  const pubsub = t.api.services.pubsub;
  const publish = pubsub.publish;
  pubsub.publish = ((...args: unknown[]) => {
    published.push(JSON.stringify(args));
    (publish as (...a: unknown[]) => void).apply(pubsub, args);
  }) as typeof pubsub.publish;
  try {
    await body(published);
  } finally {
    pubsub.publish = publish;
  }
}

describe('voice co-browsing', () => {
  it('code path: share → code read over the phone → agent joins → customer accepts → events in order → guidance → snapshot request → new page → customer stops → ENDED on both sides, all on the timeline', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const call = await acceptedCall(t, agent);
    const s = await share();
    expect(s.session).toMatchObject({ status: 'WAITING_FOR_AGENT', code: expect.stringMatching(/^\d{6}$/) });
    expect(s.token).toMatch(/^ccb_/);
    const customer = await customerStream(s);

    const joined = await join(agent, call.gid, s.session.code.replace(/^(\d{3})/, '$1 '));
    expect(joined).toMatchObject({ __typename: 'JoinCobrowseByCodePayload', session: { status: 'PENDING_CONSENT' } });
    const ask = await customer.next((e) => e.cobrowseCustomerEvents.kind === 'JOIN_REQUEST');
    expect(ask.cobrowseCustomerEvents).toMatchObject({ agentName, agentTeam: 'Atención al cliente' });

    const live = await agentStream(s.session.id);
    // Nothing is accepted before consent.
    expect(await send(s, 1, [meta(`${site}/cart`), fullSnapshot(20)])).toMatchObject({ __typename: 'CobrowseStateError' });
    expect(await accept(s)).toMatchObject({ __typename: 'AcceptCobrowsePayload', session: { status: 'ACTIVE' } });
    await live.next((e) => e.cobrowseEvents.kind === 'STATUS' && e.cobrowseEvents.session?.status === 'ACTIVE');

    expect(await send(s, 1, [meta(`${site}/cart`), fullSnapshot(20)])).toMatchObject({ accepted: true, seq: 1, masked: 0 });
    for (let seq = 2; seq <= 5; seq++) expect(await send(s, seq, [mutation(5, seq)])).toMatchObject({ accepted: true, seq });
    // Repeated or older: dropped, said so, never delivered twice.
    expect(await send(s, 3, [mutation(5, 99)])).toMatchObject({ accepted: false, seq: 5 });
    await live.next((e) => e.cobrowseEvents.seq === 5 && e.cobrowseEvents.kind === 'EVENTS');
    const batches = live.events.filter((e) => e.cobrowseEvents.kind === 'EVENTS');
    expect(batches.map((e) => e.cobrowseEvents.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(batches[0]!.cobrowseEvents.events.map((e) => e.type)).toEqual([4, 2]);

    // Guidance reaches the widget; other sites' pages are refused.
    expect((await t.gql<{ sendCobrowseGuidance: { __typename: string } }>(ops.guide, { input: { sessionId: s.session.id, kind: 'POINTER', x: 120, y: 340 } }, agent.token)).data!.sendCobrowseGuidance.__typename).toBe('SendCobrowseGuidancePayload');
    expect((await customer.next((e) => e.cobrowseCustomerEvents.kind === 'GUIDANCE')).cobrowseCustomerEvents.guidance).toEqual({ kind: 'POINTER', x: 120, y: 340 });
    expect((await t.gql<{ sendCobrowseGuidance: { __typename: string; host?: string } }>(ops.guide, { input: { sessionId: s.session.id, kind: 'NAVIGATE', url: 'https://evil.example/login' } }, agent.token)).data!.sendCobrowseGuidance).toMatchObject({ __typename: 'CobrowseNavigationNotAllowedError', host: 'evil.example' });
    await t.gql(ops.guide, { input: { sessionId: s.session.id, kind: 'NAVIGATE', url: `${site}/checkout` } }, agent.token);
    expect((await customer.next((e) => e.cobrowseCustomerEvents.guidance?.kind === 'NAVIGATE')).cobrowseCustomerEvents.guidance).toEqual({ kind: 'NAVIGATE', url: `${site}/checkout` });

    // The agent's replayer saw a gap: the widget is asked for a full snapshot.
    expect((await t.gql<{ requestCobrowseSnapshot: boolean }>(ops.snapshot, { input: { sessionId: s.session.id } }, agent.token)).data?.requestCobrowseSnapshot).toBe(true);
    await customer.next((e) => e.cobrowseCustomerEvents.kind === 'SNAPSHOT_REQUEST');

    // The customer went to the checkout (a page load: same token, new full snapshot, new url).
    expect(await send(s, 6, [meta(`${site}/checkout`), fullSnapshot(10)], `${site}/checkout`)).toMatchObject({ accepted: true });
    await live.next((e) => e.cobrowseEvents.seq === 6 && e.cobrowseEvents.url === `${site}/checkout`);

    expect((await widget<{ endCobrowse: { session: { status: string; endReason: string } } }>(ops.end, { input: { sessionId: s.session.id } }, s.token)).data!.endCobrowse.session).toEqual({ id: s.session.id, status: 'ENDED', endReason: 'CUSTOMER_STOPPED' });
    const ended = await live.next((e) => e.cobrowseEvents.session?.status === 'ENDED');
    expect(ended.cobrowseEvents).toMatchObject({ kind: 'STATUS', seq: 6, session: { endReason: 'CUSTOMER_STOPPED', pagesVisited: [`${site}/cart`, `${site}/checkout`] } });
    expect((await customer.next((e) => e.cobrowseCustomerEvents.kind === 'ENDED')).cobrowseCustomerEvents.endReason).toBe('CUSTOMER_STOPPED');
    expect(await send(s, 7, [mutation(1)])).toMatchObject({ __typename: 'CobrowseStateError' });

    const events = await t.api.services.db.selectFrom('interaction_events').select(['type', 'data', 'actor_type']).where('interaction_id', '=', call.interactionId).where('type', 'like', 'cobrowse%').orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['cobrowse_code_joined', 'cobrowse_started', 'cobrowse_page_visited', 'cobrowse_page_visited', 'cobrowse_ended']);
    expect(events[1]!.data).toMatchObject({ consent: { wording: expect.stringContaining('quiere ver esta página'), callSid: call.callSid, agentId: agent.userId, agentName, agentTeam: 'Atención al cliente', interactionId: call.interactionId, origin: site, at: expect.any(String) } });
    expect(events[1]!.actor_type).toBe('customer');
    expect(events.at(-1)!.data).toMatchObject({ reason: 'customer_stopped', durationSeconds: expect.any(Number), pagesVisited: 2 });

    // Supervisors read the session and the figures.
    const read = await t.gql<{ cobrowseSession: { status: string; consent: { wording: string } } }>(ops.session, { id: s.session.id }, sup);
    expect(read.data?.cobrowseSession).toMatchObject({ status: 'ENDED', consent: { wording: expect.any(String) } });
    const figures = await t.gql<{ cobrowseFigures: { sessions: number; callsWithCobrowse: number; medianDurationSeconds: number | null } }>(ops.figures, { since }, sup);
    expect(figures.data?.cobrowseFigures).toMatchObject({ sessions: expect.any(Number), callsWithCobrowse: expect.any(Number), medianDurationSeconds: expect.any(Number) });
    expect(figures.data!.cobrowseFigures.sessions).toBeGreaterThanOrEqual(1);
    expect((await t.gql(ops.figures, { since }, agent.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('invite path: the invitation goes out through the in-call push (Prism), the tracked link opens the page with the invite token, the widget opens it and the customer accepts', async () => {
    const call = await acceptedCall(t, agent);
    const invite = (input: Record<string, unknown>) => t.gql<{ inviteToCobrowse: { __typename: string; session?: { id: string; status: string; invitation: { links: { shortUrl: string }[] } } } }>(ops.invite, { input }, agent.token);
    // The push's rules apply: no consent, no invitation (and nothing left behind).
    expect((await invite({ interactionId: call.gid, pageUrl: `${site}/account` })).data!.inviteToCobrowse.__typename).toBe('NoConsentError');
    expect((await invite({ interactionId: call.gid, pageUrl: 'https://unknown.cobrowse.test/x' })).data!.inviteToCobrowse.__typename).toBe('CobrowseSiteNotFoundError');
    await recordConsent(t, agent.token, call.gid);
    await recordInbound(t.api.services.db, call.customerId, 'whatsapp', new Date(Date.now() - 60_000));
    const before = t.twilio.to('/Messages.json').length;
    const invited = (await invite({ interactionId: call.gid, pageUrl: `${site}/account?tab=orders` })).data!.inviteToCobrowse;
    expect(invited).toMatchObject({ __typename: 'InviteToCobrowsePayload', session: { status: 'INVITED' } });

    const [sent] = await until(() => t.twilio.to('/Messages.json').slice(before), (m) => m.length > 0);
    expect(sent!.status).toBe(201);
    const shortUrl = invited.session!.invitation.links[0]!.shortUrl;
    expect(formFields(sent!).Body).toContain(shortUrl);
    const opened = await fetch(shortUrl, { redirect: 'manual' });
    expect(opened.status).toBe(302);
    const target = new URL(opened.headers.get('location')!);
    expect(`${target.origin}${target.pathname}${target.search}`).toBe(`${site}/account?tab=orders`);
    const inviteToken = /^#cc-cobrowse=([\w-]+)$/.exec(target.hash)![1]!;

    // From another site's page the invitation does not open.
    expect((await widget<{ openCobrowseInvite: { __typename: string } }>(ops.openInvite, { input: { inviteToken } }, undefined, 'https://evil.example')).data!.openCobrowseInvite.__typename).toBe('OriginNotAllowedError');
    const open = (await widget<{ openCobrowseInvite: { __typename: string; token: string; agentName: string; agentTeam: string; session: { id: string; status: string } } }>(ops.openInvite, { input: { inviteToken } })).data!.openCobrowseInvite;
    expect(open).toMatchObject({ __typename: 'OpenCobrowseInvitePayload', agentName, agentTeam: 'Atención al cliente', session: { id: invited.session!.id, status: 'PENDING_CONSENT' } });
    const s: Share = { token: open.token, session: { id: open.session.id, code: '', status: open.session.status } };
    const live = await agentStream(s.session.id);
    expect(await accept(s)).toMatchObject({ session: { status: 'ACTIVE' } });
    expect(await send(s, 1, [meta(`${site}/account`), fullSnapshot(5)])).toMatchObject({ accepted: true });
    await live.next((e) => e.cobrowseEvents.seq === 1 && e.cobrowseEvents.kind === 'EVENTS');
    // The link is spent once shared: opening it again is refused.
    expect((await widget<{ openCobrowseInvite: { __typename: string } }>(ops.openInvite, { input: { inviteToken } })).data!.openCobrowseInvite.__typename).toBe('CobrowseInviteInvalidError');
    const types = (await t.api.services.db.selectFrom('interaction_events').select('type').where('interaction_id', '=', call.interactionId).where('type', 'like', 'cobrowse%').orderBy('id').execute()).map((e) => e.type);
    expect(types).toEqual(['cobrowse_invited', 'cobrowse_started', 'cobrowse_page_visited']);
  });

  it('codes: single use, expire, and cannot be enumerated (throttled per agent)', async () => {
    const call = await acceptedCall(t, agent);
    const used = await share();
    expect(await join(agent, call.gid, used.session.code)).toMatchObject({ __typename: 'JoinCobrowseByCodePayload' });
    expect(await join(agent, call.gid, used.session.code)).toMatchObject({ __typename: 'CobrowseCodeInvalidError' });

    const expired = await share();
    await t.api.services.db.updateTable('cobrowse_sessions').set({ code_expires_at: new Date(Date.now() - 1000) }).where('id', '=', rawId(expired.session.id)).execute();
    expect(await join(agent, call.gid, expired.session.code)).toMatchObject({ __typename: 'CobrowseCodeInvalidError' });

    // Another agent guessing: 5 tries a minute, then refused even with a right code.
    // (Their call is put in their hands directly: routing them calls would take this file's calls from the main agent.)
    const guesser = await t.signIn('agent');
    await createAgentProfile(t.api.services.db, { userId: guesser.userId, skills: {}, capacity: { voice: 1 }, queueIds: [] }, new Date());
    const theirs = { token: guesser.token, userId: guesser.userId, gid: gidOf('User', guesser.userId) };
    const theirCall = await t.api.services.db
      .insertInto('interactions')
      .values({ channel: 'voice', customer_id: call.customerId, queue_id: (await t.api.services.db.selectFrom('interactions').select('queue_id').where('id', '=', call.interactionId).executeTakeFirstOrThrow()).queue_id, priority: 0, status: 'assigned', assigned_agent_id: guesser.userId, context: JSON.stringify({ callSid: 'CA-guesser' }), enqueued_at: new Date(), assigned_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const target = await share();
    const wrong = (n: number) => String((Number(target.session.code) + n) % 1_000_000).padStart(6, '0');
    for (let i = 1; i <= 5; i++) expect(await join(theirs, gidOf('Interaction', theirCall.id), wrong(i))).toMatchObject({ __typename: 'CobrowseCodeInvalidError' });
    expect(await join(theirs, gidOf('Interaction', theirCall.id), target.session.code)).toMatchObject({ __typename: 'TooManyRequestsError' });
    // The waiting share is untouched by the refused guesses.
    expect((await t.api.services.db.selectFrom('cobrowse_sessions').select('status').where('id', '=', rawId(target.session.id)).executeTakeFirstOrThrow()).status).toBe('waiting');
  });

  it('an uninvolved agent is refused on the events and on guidance; the customer token reaches only its session', async () => {
    const { s } = await activeSession();
    const other = await t.signIn('agent');
    expect(String(await refusal(s.session.id, other.token))).toMatch(/permission/);
    const guided = await t.gql<{ sendCobrowseGuidance: { __typename: string } }>(ops.guide, { input: { sessionId: s.session.id, kind: 'POINTER', x: 1, y: 1 } }, other.token);
    expect(guided.data?.sendCobrowseGuidance.__typename).toBe('NotYourInteractionError');
    expect((await t.gql(ops.session, { id: s.session.id }, other.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A supervisor watches (read-only: guidance is the agent's).
    await agentStream(s.session.id, sup);
    expect((await t.gql<{ sendCobrowseGuidance: { __typename: string } }>(ops.guide, { input: { sessionId: s.session.id, kind: 'POINTER', x: 1, y: 1 } }, sup)).data?.sendCobrowseGuidance.__typename).toBe('NotYourInteractionError');
    // Another customer's token, or this one from another origin.
    const stranger = await share();
    expect((await widget(ops.send, { input: { sessionId: s.session.id, seq: 9, url: `${site}/x`, events: [] } }, stranger.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await send(s, 2, [mutation(1)], `${site}/cart`, 'https://evil.example')).toMatchObject({ __typename: 'OriginNotAllowedError' });
  });

  it('limits: an oversize event and canvas are refused, nothing delivered; past the session total the session ends', async () => {
    const { s } = await activeSession();
    const live = await agentStream(s.session.id);
    expect(await send(s, 1, [meta(`${site}/cart`), fullSnapshot(1200)])).toMatchObject({ __typename: 'CobrowseEventsRefusedError', reason: 'EVENT_TOO_LARGE' });
    expect(await send(s, 1, [meta(`${site}/cart`), fullSnapshot(5), canvas()])).toMatchObject({ __typename: 'CobrowseEventsRefusedError', reason: 'CANVAS' });
    expect(await send(s, 1, [{ type: 2, data: { node: { type: 2, tagName: 'canvas', attributes: { rr_dataURL: 'data:image/png;base64,AAAA' }, childNodes: [], id: 1 } }, timestamp: 1 }])).toMatchObject({ reason: 'CANVAS' });
    expect(await send(s, 1, [meta(`${site}/cart`), fullSnapshot(5)])).toMatchObject({ accepted: true, seq: 1 });
    // ~60 KB a batch against a 200 KB session total.
    let seq = 1;
    let last: Awaited<ReturnType<typeof send>>;
    do last = await send(s, ++seq, [fullSnapshot(280)]);
    while (last.__typename === 'SendCobrowseEventsPayload' && seq < 10);
    expect(last).toMatchObject({ __typename: 'CobrowseEventsRefusedError', reason: 'SESSION_LIMIT' });
    await live.next((e) => e.cobrowseEvents.session?.endReason === 'LIMIT_EXCEEDED');
    expect(live.events.filter((e) => e.cobrowseEvents.kind === 'EVENTS').map((e) => e.cobrowseEvents.seq)).toEqual(Array.from({ length: seq - 1 }, (_, i) => i + 1));
  });

  it('the session ends when the call ends (Twilio call status completed): ENDED to both sides', async () => {
    const { call, s } = await activeSession();
    const customer = await customerStream(s);
    const live = await agentStream(s.session.id);
    const completed = await postSigned(t.url('/webhooks/twilio/voice/status'), { CallSid: call.callSid, AccountSid: testAccountSid, From: call.caller, To: voiceNumber, CallStatus: 'completed', CallDuration: '42' });
    expect(completed.status).toBe(200);
    expect((await customer.next((e) => e.cobrowseCustomerEvents.kind === 'ENDED')).cobrowseCustomerEvents.endReason).toBe('CALL_ENDED');
    await live.next((e) => e.cobrowseEvents.session?.endReason === 'CALL_ENDED');
    const ended = await t.api.services.db.selectFrom('interaction_events').select('data').where('interaction_id', '=', call.interactionId).where('type', '=', 'cobrowse_ended').executeTakeFirstOrThrow();
    expect(ended.data).toMatchObject({ reason: 'call_ended' });
  });

  it('no typed secret leaves the API: unmasked form values are masked before fan-out and in the kept recording (retention on)', async () => {
    const secret = '4111111111111111';
    await withPublished(async (published) => {
      const { s } = await activeSession('shop-kept', 'https://kept.cobrowse.test');
      const live = await agentStream(s.session.id);
      const page = 'https://kept.cobrowse.test/pay';
      // As a widget that failed to mask would send it: the value in the snapshot, then typed.
      const sent = await send(s, 1, [meta(page), fullSnapshot(3, { inputValue: secret }), input(20, `${secret.slice(0, 8)}`), input(20, secret), input(20, '****')], page, 'https://kept.cobrowse.test');
      expect(sent).toMatchObject({ accepted: true, masked: 3 });
      const batch = await live.next((e) => e.cobrowseEvents.seq === 1 && e.cobrowseEvents.kind === 'EVENTS');
      expect(JSON.stringify(batch)).not.toContain(secret.slice(0, 8));
      expect(batch.cobrowseEvents.events.filter((e) => e.data.source === 5).map((e) => e.data.text)).toEqual(['********', '*'.repeat(16), '****']);
      expect(published.join('\n')).not.toContain(secret.slice(0, 8));

      // Kept batches are packed and written after the answer, with the ledger's next write.
      await t.api.services.cobrowse.ledger.flush();
      const kept = await listCobrowseRecordings(t.api.services.db, rawId(s.session.id));
      expect(kept).toHaveLength(1);
      expect(kept[0]!.keep_until.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
      const unpacked = kept[0]!.packed.map((p) => unpack(p.toString('latin1')));
      expect(unpacked.map((e) => e.type)).toEqual([4, 2, 3, 3, 3]);
      expect(JSON.stringify(unpacked)).not.toContain(secret.slice(0, 8));
      // The site without retention keeps nothing.
      const { s: plain } = await activeSession();
      expect(await send(plain, 1, [meta(`${site}/x`), fullSnapshot(3)])).toMatchObject({ accepted: true });
      await t.api.services.cobrowse.ledger.flush();
      expect(await listCobrowseRecordings(t.api.services.db, rawId(plain.session.id))).toEqual([]);
    });
  });

  it('data-cc-unmask: a value passes only from a field the page opted in, never a password or anything card-like, and only while opted in', async () => {
    await withPublished(async (published) => {
      const { s } = await activeSession();
      const live = await agentStream(s.session.id);
      const optIn = { 'data-cc-unmask': '' };
      // As the widget marks them (privacy.ts markUnmaskedFields), and as a faulty one might.
      const fields = [
        { id: 1000, attributes: { type: 'search', name: 'q', ...optIn, value: 'Kettle' } },
        { id: 1001, tagName: 'textarea' as const, attributes: { name: 'notes', ...optIn, value: 'Ring twice' } },
        { id: 1002, attributes: { type: 'password', name: 'pin', ...optIn, value: 'hunter2' } },
        { id: 1003, attributes: { name: 'cardNumber', ...optIn, value: 'Maria Lopez' } },
        { id: 1004, attributes: { name: 'note', ...optIn, value: '4111 1111 1111 1111' } },
        { id: 1005, attributes: { name: 'email', value: 'maria@example.com' } },
        { id: 1006, attributes: { name: 'code', autocomplete: 'one-time-code', ...optIn, value: '482913' } },
      ];
      const first = await send(s, 1, [
        meta(`${site}/checkout`),
        fullSnapshot(2, { fields }),
        input(1000, 'Kettle blue'),
        input(1001, 'Ring twice, then wait'),
        input(1002, 'hunter3'),
        input(1000, '4111111111111111'),
        input(1005, 'maria@example.org'),
        input(1006, '482914'),
      ], `${site}/checkout`);
      // pin, cardNumber, note, email, code in the snapshot; then pin, the card typed in q, email, code.
      expect(first).toMatchObject({ accepted: true, masked: 9 });
      const batch = (await live.next((e) => e.cobrowseEvents.seq === 1 && e.cobrowseEvents.kind === 'EVENTS')).cobrowseEvents;
      const snapshotValues = fieldValues(batch.events[1]!);
      expect(snapshotValues).toEqual({ 1000: 'Kettle', 1001: 'Ring twice', 1002: '*******', 1003: '***********', 1004: '*******************', 1005: '*****************', 1006: '******' });
      expect(batch.events.filter((e) => e.data.source === 5).map((e) => e.data.text)).toEqual(['Kettle blue', 'Ring twice, then wait', '*******', '*'.repeat(16), '*****************', '******']);
      for (const secret of ['hunter', 'Maria Lopez', '4111', 'maria@example', '48291']) expect(published.join('\n')).not.toContain(secret);

      // The page takes the opt-in off the search box, and turns the notes into a password field.
      const second = await send(s, 2, [attributeChange(1000, { 'data-cc-unmask': null }), attributeChange(1001, { type: 'password' }), input(1000, 'Toaster'), input(1001, 'pw')], `${site}/checkout`);
      expect(second).toMatchObject({ accepted: true, masked: 2 });
      const later = (await live.next((e) => e.cobrowseEvents.seq === 2 && e.cobrowseEvents.kind === 'EVENTS')).cobrowseEvents;
      expect(later.events.filter((e) => e.data.source === 5).map((e) => e.data.text)).toEqual(['*******', '**']);
      // A fresh snapshot starts over: the fields it does not opt in are masked again.
      const third = await send(s, 3, [meta(`${site}/checkout`), fullSnapshot(2, { fields: [{ id: 1000, attributes: { type: 'search', name: 'q', value: 'Mug' } }] }), input(1001, 'Ring')], `${site}/checkout`);
      expect(third).toMatchObject({ accepted: true, masked: 2 });
      expect(published.join('\n')).not.toContain('Mug');
    });
  });
});

// Two API replicas counting one session's batches through Redis: the one holding the lease counts
// in memory; a batch reaching the other is counted against everything already accepted.
describe.skipIf(!process.env.REDIS_URL)('co-browse batches across replicas', () => {
  it('a second replica refuses a seq the first accepted, takes the lease for the next, and the first then refuses what the second accepted', async () => {
    const env = t.api.services.env;
    const otherBus = createAppPubSub(env.REDIS_URL);
    const other = createCobrowseLedger({ db: t.api.services.db, pubsub: otherBus.pubsub, redisUrl: env.REDIS_URL, redisKeyPrefix: env.REDIS_KEY_PREFIX, stateTtlSeconds: 3600 });
    const redis = new Redis(env.REDIS_URL!);
    try {
      const { s } = await activeSession();
      const id = rawId(s.session.id);
      const limits = { batchesPerSecond: 100, maxSessionBytes: 1_000_000 };
      // This replica: the first batch takes the lease, the second is counted in memory.
      expect(await send(s, 1, [meta(`${site}/cart`), fullSnapshot(2)])).toMatchObject({ accepted: true });
      expect(await send(s, 2, [mutation(1)])).toMatchObject({ accepted: true });
      // Its counts reach Redis after the fan-out.
      await until(() => redis.get(`${env.REDIS_KEY_PREFIX}:cobrowse:${id}:seq`), (v) => v === '2');
      expect(await other.admit({ sessionId: id, seq: 2, bytes: 10 }, limits, Date.now())).toMatchObject({ ok: false, reason: 'out_of_order', lastSeq: 2 });
      const leases = t.api.services.pubsub.subscribe('cobrowseSessionChanged')[Symbol.asyncIterator]();
      const moved = (async () => {
        for (let r = await leases.next(); !r.done && r.value.leasedTo === undefined; r = await leases.next());
      })();
      expect(await other.admit({ sessionId: id, seq: 3, bytes: 10 }, limits, Date.now())).toMatchObject({ ok: true });
      // The lease moved: this replica hears it, and counts through Redis again.
      await moved;
      await new Promise((r) => setImmediate(r));
      expect(await send(s, 3, [mutation(1)])).toMatchObject({ accepted: false, seq: 3 });
      expect(await send(s, 4, [mutation(1)])).toMatchObject({ accepted: true, seq: 4 });
      await leases.return?.();
    } finally {
      await other.close();
      await otherBus.close();
      redis.disconnect();
    }
  });
});

// The data path without GraphQL per batch (http/cobrowse-socket.ts): the widget's batches in, the
// agent's view out, with the mutation's checks and the subscription's authorization.
describe('co-browse live socket (/cobrowse/live)', () => {
  it('the widget’s batches reach the agent’s view in order, masked, as they were let through; a repeat is dropped; the end closes the view', async () => {
    const secret = '4111111111111111';
    const { s } = await activeSession();
    const view = await watchLive(t.api.url, s.session.id, { authorization: `Bearer ${agent.token}` });
    expect(await view.next((f) => f.kind === 'STATUS')).toEqual({ kind: 'STATUS', seq: 0 });
    const widgetSocket = await shareLive(t.api.url, s.session.id, s.token, site);
    expect(await widgetSocket.send(1, `${site}/pay`, [meta(`${site}/pay`), fullSnapshot(3, { inputValue: secret }), input(20, secret)])).toEqual({ ack: 1, __typename: 'SendCobrowseEventsPayload', accepted: true, seq: 1, masked: 2 });
    expect(await widgetSocket.send(2, `${site}/pay`, [mutation(2, 2)])).toMatchObject({ ack: 2, accepted: true });
    expect(await widgetSocket.send(2, `${site}/pay`, [mutation(2, 3)])).toMatchObject({ ack: 2, accepted: false, seq: 2 });
    expect(await widgetSocket.send(3, `${site}/pay`, [canvas()])).toMatchObject({ ack: 3, __typename: 'CobrowseEventsRefusedError' });
    expect(await widgetSocket.send(3, `${site}/pay`, [mutation(2, 4)])).toMatchObject({ ack: 3, accepted: true });
    await view.next((f) => f.kind === 'EVENTS' && f.seq === 3);
    const batches = view.frames.filter((f) => f.kind === 'EVENTS');
    expect(batches.map((f) => f.seq)).toEqual([1, 2, 3]);
    expect(batches[0]).toMatchObject({ url: `${site}/pay`, events: [{ type: 4 }, { type: 2 }, { type: 3, data: { text: '*'.repeat(16) } }] });
    // The bytes the agent's socket received: no typed secret.
    expect(view.raw.join('\n')).not.toContain(secret.slice(0, 8));
    // The same session over GraphQL reads the same batches.
    expect((await t.gql<{ cobrowseSession: { status: string } }>(ops.session, { id: s.session.id }, agent.token)).data?.cobrowseSession.status).toBe('ACTIVE');

    expect(await widget<{ endCobrowse: { __typename: string } }>(ops.end, { input: { sessionId: s.session.id } }, s.token)).toMatchObject({ data: { endCobrowse: { __typename: 'EndCobrowsePayload' } } });
    expect(await view.closed).toMatchObject({ code: 1000 });
    expect(view.frames.at(-1)).toEqual({ kind: 'STATUS', seq: 3 });
    // An ended session's batches are refused.
    expect(await widgetSocket.send(4, `${site}/pay`, [mutation(1, 5)])).toMatchObject({ ack: 4, __typename: 'CobrowseStateError' });
    widgetSocket.close();
  });

  it('only who may watch: an uninvolved agent and an unknown session are refused (4403), no credential or a customer token too (4401); a supervisor watches; the widget’s token only for its session, from its origin', async () => {
    const { s } = await activeSession();
    const other = await t.signIn('agent');
    const refusedAgent = await watchLive(t.api.url, s.session.id, { authorization: `Bearer ${other.token}` });
    expect(await refusedAgent.closed).toMatchObject({ code: 4403 });
    expect(refusedAgent.frames).toEqual([]);
    const unknown = await watchLive(t.api.url, gidOf('CobrowseSession', '00000000-0000-4000-8000-000000000000'), { authorization: `Bearer ${agent.token}` });
    expect(await unknown.closed).toMatchObject({ code: 4403 });
    expect(await (await watchLive(t.api.url, s.session.id, {})).closed).toMatchObject({ code: 4401 });
    expect(await (await watchLive(t.api.url, s.session.id, { authorization: `Bearer ${s.token}` })).closed).toMatchObject({ code: 4401 });

    const supervisor = await watchLive(t.api.url, s.session.id, { authorization: `Bearer ${sup}` });
    await supervisor.next((f) => f.kind === 'STATUS');
    const fromElsewhere = await shareLive(t.api.url, s.session.id, s.token, 'https://evil.example');
    expect(await fromElsewhere.closed).toMatchObject({ code: 4403 });
    const { s: another } = await activeSession();
    const otherSession = await shareLive(t.api.url, another.session.id, s.token, site);
    expect(await otherSession.closed).toMatchObject({ code: 4403 });
    const badToken = await shareLive(t.api.url, s.session.id, 'ccb_forged', site);
    expect(await badToken.closed).toMatchObject({ code: 4401 });

    const widgetSocket = await shareLive(t.api.url, s.session.id, s.token, site);
    expect(await widgetSocket.send(1, `${site}/cart`, [meta(`${site}/cart`), fullSnapshot(2)])).toMatchObject({ accepted: true });
    await supervisor.next((f) => f.kind === 'EVENTS' && f.seq === 1);
    // The refused watchers never got a frame.
    expect([...refusedAgent.frames, ...unknown.frames]).toEqual([]);
    supervisor.close();
    widgetSocket.close();
  });
});
