import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { subscribeSse, type SseSubscription } from '../support/graphql-sse';
import { createAgent, createQueue, ops, setPresence, type Agent, type OfferEvent } from '../support/routing-fixtures';

// Web chat over GraphQL as the widget uses it: a visitor token, live messages both ways over SSE,
// typing, context reaching the agent, reload, proactive rate limit, leaving an email.
Object.assign(process.env, { EMAIL_INBOXES: 'support@chat.test=Mail', SMTP_LISTEN_PORT: '0' });
const t = useTestApi({ worker: true, env: { WRAP_UP_SECONDS: '1', CORS_ORIGINS: 'https://console.test' } });
let sup: string;
let agent: Agent;
let siteGid: string;
const subs: SseSubscription<unknown>[] = [];

const ops2 = {
  saveSite: `mutation($input: SaveChatSiteInput!) { saveChatSite(input: $input) { __typename ... on ChatSitePayload { site { id key triggers { id message } } } ... on Error { message } } }`,
  startVisit: `mutation($input: StartVisitInput!) { startVisit(input: $input) { __typename ... on VisitPayload { visitorToken visitorId visits agentsAvailable triggers { id minSecondsOnPage message }
    chat { id waiting messages { author body } } } ... on Error { message } } }`,
  send: `mutation($input: SendVisitorMessageInput!) { sendVisitorMessage(input: $input) { __typename ... on VisitorMessagePayload { chatMessage { id author body } chat { id } } ... on Error { message } } }`,
  claim: `mutation($id: String!) { claimProactiveChat(input: { triggerId: $id }) { approach message } }`,
  events: `subscription { visitorChatEvents { message { author body agentName } agentTyping agentJoined ended } }`,
  agentSend: `mutation($input: SendChatMessageInput!) { sendChatMessage(input: $input) { __typename ... on ChatMessagePayload { sent: message { id body direction } } ... on Error { message } } }`,
  typing: `subscription($id: ID!) { chatTyping(interactionId: $id) { typing } }`,
  interaction: `query($id: ID!) { interaction(id: $id) { status channel context messages { direction body } } }`,
};
type Visit = { visitorToken: string; visitorId: string; visits: number; agentsAvailable: boolean; triggers: { id: string; message: string }[]; chat: { id: string; waiting: boolean; messages: { author: string; body: string }[] } | null };
type ChatEvent = { visitorChatEvents: { message: { author: string; body: string; agentName: string | null } | null; agentTyping: boolean | null; agentJoined: string | null; ended: boolean } };

/** As the widget calls it: a browser page always sends its Origin. */
const startVisit = async (siteKey: string, visitorToken?: string, origin: string | null = 'https://shop.test') => {
  const res = await fetch(`${t.api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: JSON.stringify({ query: ops2.startVisit, variables: { input: { siteKey, visitorToken } } }),
  });
  return (await res.json()) as { data?: { startVisit: Visit & { __typename: string } }; errors?: { extensions?: { code?: string } }[] };
};
const page = { url: 'https://shop.test/checkout?step=2', title: 'Checkout', context: { cartTotal: 129.9, orderId: 'A-1001' } };

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
  const queueId = await createQueue(t, sup, { name: 'Chat', channels: ['WEBCHAT'] });
  await createQueue(t, sup, { name: 'Mail', channels: ['EMAIL'] });
  const emptyQueue = await createQueue(t, sup, { name: 'Night chat', channels: ['WEBCHAT'] });
  agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { webchat: 3 } });
  const site = await t.gql<{ saveChatSite: { site: { id: string } } }>(ops2.saveSite, { input: { key: 'shop', name: 'Shop', queueId, proactiveCooldownSeconds: 600,
    triggers: [{ urlPattern: 'https://shop.test/checkout*', minSecondsOnPage: 5, message: 'Need help with checkout?' }, { minVisits: 3, message: 'Welcome back!' }] } }, sup);
  siteGid = site.data!.saveChatSite.site.id;
  await t.gql(ops2.saveSite, { input: { key: 'night', name: 'Night', queueId: emptyQueue } }, sup);
});
afterAll(() => subs.forEach((s) => s.close()));

describe('web chat', () => {
  it('a visitor chats live with an agent; page and site context reach the agent; a reload keeps the conversation', async () => {
    const offers = await subscribeSse<OfferEvent>(`${t.api.url}/graphql`, ops.offersSubscription, {}, agent.token);
    subs.push(offers as SseSubscription<unknown>);
    const visit = (await startVisit('shop')).data!.startVisit;
    expect(visit).toMatchObject({ __typename: 'VisitPayload', visits: 1, agentsAvailable: true, chat: null });
    expect(visit.visitorToken).toMatch(/^ccv_/);
    expect(visit.triggers.map((r) => r.message)).toEqual(['Need help with checkout?', 'Welcome back!']);

    const events = await subscribeSse<ChatEvent>(`${t.api.url}/graphql`, ops2.events, {}, visit.visitorToken);
    subs.push(events as SseSubscription<unknown>);
    const hostile = '<script>alert("x")</script><b>hi</b>';
    const sent = await t.gql<{ sendVisitorMessage: { __typename: string; chatMessage: { body: string }; chat: { id: string } } }>(ops2.send,
      { input: { body: hostile, clientMessageId: 'client-msg-0001', page, proactiveMessage: 'Need help with checkout?' } }, visit.visitorToken);
    expect(sent.data?.sendVisitorMessage, JSON.stringify(sent)).toMatchObject({ __typename: 'VisitorMessagePayload', chatMessage: { body: hostile } });
    // The same message resent after a reconnect is stored once.
    await t.gql(ops2.send, { input: { body: hostile, clientMessageId: 'client-msg-0001', page } }, visit.visitorToken);

    const offered = await offers.next((e) => e.offers.interaction.channel === 'WEBCHAT' && e.offers.outcome === null);
    await t.gql(ops.accept, { id: offered.offers.id }, agent.token);
    const interactionId = offered.offers.interaction.id;
    // The widget hears at once that an agent took the chat.
    await events.next((e) => e.visitorChatEvents.agentJoined === 'agent');
    const seen = (await t.gql<{ interaction: { context: { webchat: Record<string, unknown> }; messages: { direction: string; body: string }[] } }>(ops2.interaction, { id: interactionId }, agent.token)).data!.interaction;
    expect(seen.context.webchat).toMatchObject({ pageUrl: page.url, pageTitle: 'Checkout', siteContext: { cartTotal: 129.9, orderId: 'A-1001' }, proactiveMessage: 'Need help with checkout?' });
    // Stored as literal text: the console shows it as text, never as markup.
    expect(seen.messages).toEqual([{ direction: 'inbound', body: hostile }]);

    const typing = await subscribeSse<{ chatTyping: { typing: boolean } }>(`${t.api.url}/graphql`, ops2.typing, { id: interactionId }, agent.token);
    subs.push(typing as SseSubscription<unknown>);
    await t.gql('mutation { setVisitorTyping(input: { typing: true }) }', {}, visit.visitorToken);
    await typing.next((e) => e.chatTyping.typing);

    await t.gql('mutation($id: ID!) { setAgentTyping(input: { interactionId: $id, typing: true }) }', { id: interactionId }, agent.token);
    await events.next((e) => e.visitorChatEvents.agentTyping === true);
    const reply = await t.gql<{ sendChatMessage: { __typename: string } }>(ops2.agentSend, { input: { interactionId, body: 'Hello! How can I help?' } }, agent.token);
    expect(reply.data?.sendChatMessage.__typename).toBe('ChatMessagePayload');
    const got = await events.next((e) => e.visitorChatEvents.message?.author === 'AGENT');
    expect(got.visitorChatEvents.message).toMatchObject({ body: 'Hello! How can I help?', agentName: 'agent' });

    // Reload: the same token brings the conversation back.
    const again = (await startVisit('shop', visit.visitorToken)).data!.startVisit;
    expect(again.visitorId).toBe(visit.visitorId);
    expect(again.chat?.messages).toEqual([{ author: 'VISITOR', body: hostile }, { author: 'AGENT', body: 'Hello! How can I help?' }]);
    expect(again.chat?.waiting).toBe(false);
  });

  it('refuses forged, foreign and missing visitor tokens', async () => {
    const visit = (await startVisit('shop')).data!.startVisit;
    const [head, payload, sig] = visit.visitorToken.slice(4).split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'someone-elses-id' })).toString('base64url');
    const forged = `ccv_${head}.${forgedPayload}.${sig}`;
    const res = await t.gql('query { visitorChat { id } }', {}, forged);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql('query { visitorChat { id } }', {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // An agent's session token is not a visitor token.
    expect((await t.gql('query { visitorChat { id } }', {}, agent.token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // A token of one site does not open another.
    const other = await startVisit('night', visit.visitorToken);
    expect(other.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await startVisit('no-such-site')).data?.startVisit.__typename).toBe('UnknownChatSiteError');
    // Empty and oversized messages are refused with a typed error; nothing is stored.
    const empty = await t.gql<{ sendVisitorMessage: { __typename: string } }>(ops2.send, { input: { body: ' \u0000 ', clientMessageId: 'client-empty-01' } }, visit.visitorToken);
    expect(empty.data?.sendVisitorMessage.__typename, JSON.stringify(empty)).toBe('ChatMessageRefusedError');
    const big = await t.gql<{ sendVisitorMessage: { __typename: string } }>(ops2.send, { input: { body: 'x'.repeat(5000), clientMessageId: 'client-big-0001' } }, visit.visitorToken);
    expect(big.data?.sendVisitorMessage.__typename).toBe('ChatMessageRefusedError');
    const badContext = await t.gql<{ sendVisitorMessage: { __typename: string } }>(ops2.send, { input: { body: 'hi', clientMessageId: 'client-ctx-0001', page: { context: { blob: 'x'.repeat(5000) } } } }, visit.visitorToken);
    expect(badContext.data?.sendVisitorMessage.__typename).toBe('ValidationError');
  });

  it('a site limited to its origins refuses others; cross-origin pages may call the API', async () => {
    const queueId = (await t.api.services.db.selectFrom('queues').select('id').where('name', '=', 'Chat').executeTakeFirstOrThrow()).id;
    const gid = Buffer.from(`Queue:${queueId}`).toString('base64');
    await t.gql(ops2.saveSite, { input: { key: 'strict', name: 'Strict', queueId: gid, allowedOrigins: ['https://shop.test'] } }, sup);
    const visitFrom = async (origin: string) => {
      const res = await fetch(`${t.api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ query: ops2.startVisit, variables: { input: { siteKey: 'strict' } } }) });
      return { cors: res.headers.get('access-control-allow-origin'), body: (await res.json()) as { data: { startVisit: { __typename: string } } } };
    };
    expect((await visitFrom('https://evil.test')).body.data.startVisit.__typename).toBe('OriginNotAllowedError');
    const ok = await visitFrom('https://shop.test');
    expect(ok.body.data.startVisit.__typename).toBe('VisitPayload');
    expect(ok.cors).toBe('https://shop.test');
    const preflight = await fetch(`${t.api.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://shop.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.test');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    // The widget authenticates with a Bearer token: chat sites never get credentialed CORS.
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    // No Origin: not a page of any site (browsers always send one on this POST).
    expect((await startVisit('strict', undefined, null)).data?.startVisit.__typename).toBe('OriginNotAllowedError');
    expect((await startVisit('shop', undefined, null)).data?.startVisit.__typename).toBe('OriginNotAllowedError');
  });

  it('CORS: credentials only for the console’s origins; chat sites’ origins get CORS without them', async () => {
    const preflight = (origin: string) =>
      fetch(`${t.api.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    const console = await preflight('https://console.test');
    expect(console.headers.get('access-control-allow-origin')).toBe('https://console.test');
    expect(console.headers.get('access-control-allow-credentials')).toBe('true');
    // The 'shop' and 'night' sites accept any origin: a page anywhere may run their widget, without credentials.
    const anywhere = await preflight('https://anywhere.test');
    expect(anywhere.headers.get('access-control-allow-origin')).toBe('https://anywhere.test');
    expect(anywhere.headers.get('access-control-allow-credentials')).toBeNull();
    // No Origin (not a browser): no CORS headers.
    expect((await fetch(`${t.api.url}/graphql`, { method: 'OPTIONS' })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('proactive approaches are rate-limited per visitor; repeat visits are counted', async () => {
    const visit = (await startVisit('shop')).data!.startVisit;
    const first = await t.gql<{ claimProactiveChat: { approach: boolean; message: string | null } }>(ops2.claim, { id: 't1' }, visit.visitorToken);
    expect(first.data?.claimProactiveChat).toEqual({ approach: true, message: 'Need help with checkout?' });
    const second = await t.gql<{ claimProactiveChat: { approach: boolean } }>(ops2.claim, { id: 't2' }, visit.visitorToken);
    expect(second.data?.claimProactiveChat.approach).toBe(false);
    // Another visitor is approached independently.
    const other = (await startVisit('shop')).data!.startVisit;
    expect((await t.gql<{ claimProactiveChat: { approach: boolean } }>(ops2.claim, { id: 't1' }, other.visitorToken)).data?.claimProactiveChat.approach).toBe(true);
    // A page view 31 minutes later is a new visit.
    await t.api.services.db.updateTable('webchat_visitors').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('visitor_id', '=', visit.visitorId).execute();
    expect((await startVisit('shop', visit.visitorToken)).data!.startVisit.visits).toBe(2);
    expect((await startVisit('shop', visit.visitorToken)).data!.startVisit.visits).toBe(2);
  });

  it('the widget hears when the chat ends after the agent’s wrap-up; the next message starts a new chat', async () => {
    const offers = await subscribeSse<OfferEvent>(`${t.api.url}/graphql`, ops.offersSubscription, {}, agent.token);
    subs.push(offers as SseSubscription<unknown>);
    const visit = (await startVisit('shop')).data!.startVisit;
    const events = await subscribeSse<ChatEvent>(`${t.api.url}/graphql`, ops2.events, {}, visit.visitorToken);
    subs.push(events as SseSubscription<unknown>);
    const first = await t.gql<{ sendVisitorMessage: { chat: { id: string } } }>(ops2.send, { input: { body: 'Quick question', clientMessageId: 'client-end-0001' } }, visit.visitorToken);
    const chatId = first.data!.sendVisitorMessage.chat.id;
    const offered = await offers.next((e) => e.offers.outcome === null && e.offers.interaction.id === Buffer.from(`Interaction:${chatId}`).toString('base64'));
    await t.gql(ops.accept, { id: offered.offers.id }, agent.token);
    await t.gql('mutation($id: ID!) { wrapUpInteraction(input: { interactionId: $id }) { __typename } }', { id: offered.offers.interaction.id }, agent.token);
    await events.next((e) => e.visitorChatEvents.ended);
    expect((await t.gql<{ visitorChat: unknown }>('query { visitorChat { id } }', {}, visit.visitorToken)).data?.visitorChat).toBeNull();
    const next = await t.gql<{ sendVisitorMessage: { chat: { id: string } } }>(ops2.send, { input: { body: 'One more thing', clientMessageId: 'client-end-0002' } }, visit.visitorToken);
    expect(next.data!.sendVisitorMessage.chat.id).not.toBe(chatId);
  });

  it('the widget also hears when the agent closes the chat directly (no wrap-up)', async () => {
    const offers = await subscribeSse<OfferEvent>(`${t.api.url}/graphql`, ops.offersSubscription, {}, agent.token);
    subs.push(offers as SseSubscription<unknown>);
    const visit = (await startVisit('shop')).data!.startVisit;
    const events = await subscribeSse<ChatEvent>(`${t.api.url}/graphql`, ops2.events, {}, visit.visitorToken);
    subs.push(events as SseSubscription<unknown>);
    const first = await t.gql<{ sendVisitorMessage: { chat: { id: string } } }>(ops2.send, { input: { body: 'Close me', clientMessageId: 'client-close-01' } }, visit.visitorToken);
    const chatId = first.data!.sendVisitorMessage.chat.id;
    const offered = await offers.next((e) => e.offers.outcome === null && e.offers.interaction.id === Buffer.from(`Interaction:${chatId}`).toString('base64'));
    await t.gql(ops.accept, { id: offered.offers.id }, agent.token);
    const closed = await t.gql<{ closeInteraction: { __typename: string } }>('mutation($id: ID!) { closeInteraction(input: { interactionId: $id }) { __typename } }', { id: offered.offers.interaction.id }, agent.token);
    expect(closed.data?.closeInteraction.__typename).toBe('InteractionPayload');
    await events.next((e) => e.visitorChatEvents.ended);
  });

  it('with no agent available the visitor leaves an email and the chat becomes an email interaction', async () => {
    const visit = (await startVisit('night')).data!.startVisit;
    expect(visit.agentsAvailable).toBe(false);
    const asked = await t.gql<{ sendVisitorMessage: { __typename: string } }>(ops2.send, { input: { body: 'Is anyone there?', clientMessageId: 'client-night-01', page } }, visit.visitorToken);
    expect(asked.data?.sendVisitorMessage.__typename, JSON.stringify(asked)).toBe('VisitorMessagePayload');
    const events = await subscribeSse<ChatEvent>(`${t.api.url}/graphql`, ops2.events, {}, visit.visitorToken);
    subs.push(events as SseSubscription<unknown>);
    const left = await t.gql<{ leaveEmail: { __typename: string } }>('mutation($input: LeaveEmailInput!) { leaveEmail(input: $input) { __typename ... on Error { message } } }',
      { input: { email: 'Visitor@Example.test', body: 'Please email me about my order.', page } }, visit.visitorToken);
    expect(left.data?.leaveEmail.__typename, JSON.stringify(left)).toBe('LeaveEmailPayload');
    await events.next((e) => e.visitorChatEvents.ended);
    const db = t.api.services.db;
    const mail = await db.selectFrom('interactions').selectAll().where('channel', '=', 'email').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const body = await db.selectFrom('messages').select('body').where('interaction_id', '=', mail.id).executeTakeFirstOrThrow();
    expect(body.body).toContain('Please email me about my order.');
    expect(body.body).toContain('Visitor: Is anyone there?');
    const chat = await db.selectFrom('interactions').select('status').where('channel', '=', 'webchat').where(({ eb, ref }) => eb(ref('context', '->>').key('webchat') as never, 'is not', null)).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(chat.status).toBe('abandoned');
    expect((await startVisit('night', visit.visitorToken)).data!.startVisit.chat).toBeNull();
    void siteGid;
    void setPresence;
  });
});
