import { randomUUID } from 'node:crypto';
import { describe, expect, it, beforeAll } from 'vitest';
import type { GraphQLObjectType } from 'graphql';
import { buildSchema } from '@cc/api/schema/index';
import { useTwilioTestApi } from '../support/twilio/stack';
import { createQueue, ops } from '../support/routing-fixtures';
import { buildWorld, gid, type World } from '../support/authorization/world';
import { operationFor } from '../support/authorization/operations';
import { expectations, principals, refreshesCaller, type PrincipalName } from '../support/authorization/expectations';

// Every Query, Mutation and Subscription field of the live schema, asked by every kind of caller.
// A field with no declared expectation fails: whoever adds a field says who may use it
// (test/support/authorization/expectations.ts). Each cell acts on a fresh world, so one caller's
// allowed mutation never changes what the next one is asked.
// Twilio configured as in production, so "not configured" never answers before "not yours".
const t = useTwilioTestApi({ env: { LOGIN_FAILURES_PER_ADDRESS: '100000', LOGIN_FAILURES_PER_ACCOUNT: '100000' } });
const schema = buildSchema();

let queueId: string;
const users = new Map<PrincipalName | 'target', { userId: string; gid: string }>();
let siteKey: string;
let siteId: string;
const tokens = new Map<PrincipalName | 'target', string | undefined>();
const emails = new Map<PrincipalName | 'target', string>();
const password = 'correct horse battery';

const roleOf = (name: PrincipalName | 'target') => (name === 'supervisor' || name === 'admin' ? name : 'agent');

/** Signs a user principal in (created on first use); again after a field that ends the caller's session. */
async function signInAs(name: PrincipalName | 'target'): Promise<void> {
  if (!emails.has(name)) {
    const { token, userId } = await t.signIn(roleOf(name), `${name.toLowerCase()}@matrix.test`);
    emails.set(name, `${name.toLowerCase()}@matrix.test`);
    users.set(name, { userId, gid: gid('User', userId) });
    tokens.set(name, token);
    return;
  }
  const res = await t.gql<{ login: { token?: string } }>('mutation($input: LoginInput!) { login(input: $input) { ... on LoginPayload { token } } }', { input: { email: emails.get(name), password } });
  tokens.set(name, res.data?.login.token);
}

beforeAll(async () => {
  const sup = await t.signIn('supervisor', 'setup@matrix.test');
  const queueGid = await createQueue(t, sup.token, { name: 'Matrix', channels: ['VOICE', 'WHATSAPP', 'EMAIL', 'WEBCHAT'] });
  queueId = Buffer.from(queueGid, 'base64').toString().split(':')[1]!;
  tokens.set('anonymous', undefined);
  for (const p of ['involvedAgent', 'uninvolvedAgent', 'supervisor', 'admin', 'target'] as const) await signInAs(p);
  for (const p of ['involvedAgent', 'uninvolvedAgent', 'target'] as const) {
    const capacity = ['VOICE', 'WHATSAPP', 'EMAIL', 'WEBCHAT'].map((channel) => ({ channel, slots: 5 }));
    const res = await t.gql(ops.saveAgent, { input: { userId: users.get(p)!.gid, queueIds: [queueGid], skills: [], capacity } }, sup.token);
    if (JSON.stringify(res).includes('Error')) throw new Error(`saveAgent: ${JSON.stringify(res)}`);
  }
  for (const p of principals.filter((p) => p.startsWith('key:'))) {
    const scope = p.slice(4).toUpperCase().replace(':', '_');
    const res = await t.gql<{ createApiKey: { token?: string } }>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeyPayload { token } } }',
      { input: { name: p, scopes: [scope] } },
      tokens.get('admin'),
    );
    if (!res.data?.createApiKey.token) throw new Error(`api key ${p}: ${JSON.stringify(res)}`);
    tokens.set(p, res.data.createApiKey.token);
  }
  siteKey = 'matrix-site';
  const site = await t.gql<{ saveChatSite: { __typename: string } }>(
    'mutation($input: SaveChatSiteInput!) { saveChatSite(input: $input) { __typename } }',
    { input: { key: siteKey, name: 'Matrix', queueId: queueGid, allowedOrigins: ['https://shop.matrix.test'] } },
    tokens.get('supervisor'),
  );
  if (site.data?.saveChatSite.__typename !== 'ChatSitePayload') throw new Error(`chat site: ${JSON.stringify(site)}`);
  const visit = await fetch(`${t.api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.matrix.test' },
    body: JSON.stringify({ query: 'mutation($input: StartVisitInput!) { startVisit(input: $input) { ... on VisitPayload { visitorToken } } }', variables: { input: { siteKey } } }),
  });
  const visitor = ((await visit.json()) as { data?: { startVisit: { visitorToken?: string } } }).data?.startVisit.visitorToken;
  if (!visitor) throw new Error('no visitor token');
  tokens.set('visitor', visitor);
  siteId = (await t.api.services.db.selectFrom('webchat_sites').select('id').where('key', '=', siteKey).executeTakeFirstOrThrow()).id;
  // The co-browse customer: a real share's token proves the path; each cell then gets a token of
  // its own world's session (signed the same way), so the customer's fields act on that session.
  const shared = await fetch(`${t.api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.matrix.test' },
    body: JSON.stringify({ query: 'mutation($input: StartCobrowseShareInput!) { startCobrowseShare(input: $input) { ... on StartCobrowseSharePayload { token } } }', variables: { input: { siteKey } } }),
  });
  const cobrowseToken = ((await shared.json()) as { data?: { startCobrowseShare: { token?: string } } }).data?.startCobrowseShare.token;
  if (!cobrowseToken?.startsWith('ccb_')) throw new Error('no co-browse token');
  tokens.set('cobrowseCustomer', cobrowseToken);
});

/** The caller's credential for one cell: the co-browse customer's is bound to the cell's world. */
async function credentialFor(who: PrincipalName, world: World): Promise<string | undefined> {
  if (who !== 'cobrowseCustomer') return tokens.get(who);
  return t.api.services.cobrowse.tokens.sign({ sessionId: world.cobrowseSessionId, origin: 'https://shop.matrix.test' });
}

/** The interaction a field acts on, by what it does. */
function channelOf(field: string): keyof World['interactions'] {
  if (/whatsapp/i.test(field)) return 'whatsapp';
  if (/email/i.test(field)) return 'email';
  if (/chat|typing/i.test(field)) return 'webchat';
  return 'voice';
}

// Smallest valid files of each kind WhatsApp takes (the checks read the first bytes).
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64');
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64').toString('base64');
let unique = 0;

/** Valid values by argument path, then by name; `undefined` leaves the generic filler. */
function picker(field: string, world: World) {
  const byPath: Record<string, () => unknown> = {
    'addPushDocument.input': () => ({ title: `Doc ${++unique}`, contentType: 'application/pdf', dataBase64: pdf }),
    'uploadPushMedia.input': () => ({ contentType: 'image/png', dataBase64: png }),
    'push.input': () => ({ interactionId: gid('Interaction', world.interactions.voice), kind: 'LINK', link: { title: 'Your order', url: 'https://shop.matrix.test/o/1' } }),
    'transferInteraction.input': () => ({ interactionId: gid('Interaction', world.interactions.voice), queueId: gid('Queue', queueId) }),
    'reassignInteraction.input': () => ({ interactionId: gid('Interaction', world.interactions.voice), queueId: gid('Queue', queueId) }),
    // Not AVAILABLE: going available would start routing this world's contacts, which is not under test here.
    'setPresence.input.status': () => 'OFFLINE',
    'setAgentPresence.input.status': () => 'OFFLINE',
    'saveChatSite.input.key': () => `site-${++unique}`,
    'sendVisitorMessage.input.body': () => 'Hola',
    'sendVisitorMessage.input.clientMessageId': () => `matrix-${++unique}-message`,
    'recordConsent.input.wording': () => '¿Podemos escribirle por WhatsApp? Sí.',
    'cobrowseSession.id': () => gid('CobrowseSession', world.cobrowseSessionId),
    'acceptCobrowse.input.wording': () => 'Ana, Atención al cliente, quiere ver esta página.',
    'sendCobrowseEvents.input.events': () => [],
    'updateSegment.input.segmentId': () => gid('Segment', randomUUID()),
    'deleteSegment.input.segmentId': () => gid('Segment', randomUUID()),
    // Campaigns of nothing: supervisors reach the use case (InvalidCampaignError / CampaignNotFoundError), nothing changes.
    'campaignPreview.input.segmentId': () => gid('Segment', randomUUID()),
    'createCampaign.input.segmentId': () => gid('Segment', randomUUID()),
    'scheduleCampaign.input.campaignId': () => gid('Campaign', randomUUID()),
    'pauseCampaign.input.campaignId': () => gid('Campaign', randomUUID()),
    'resumeCampaign.input.campaignId': () => gid('Campaign', randomUUID()),
    'cancelCampaign.input.campaignId': () => gid('Campaign', randomUUID()),
    'campaignProgress.campaignId': () => gid('Campaign', randomUUID()),
    // Webhook deliveries have numeric ids: one of nothing (admins get NotFoundError); no page cursor.
    'replayWebhookDelivery.input.deliveryId': () => String(2 ** 40 + ++unique),
    'webhookDeliveries.before': () => undefined,
    // Blocked records are opened only with a stated reason (10+ characters).
    'blockedRecords.reason': () => 'court order 2026/1 of the matrix',
    // A valid reason but no confirmation: admins reach the use case (ErasureConfirmationError), nothing is erased.
    'eraseCustomer.input.reason': () => 'erasure request of the matrix',
    'eraseCustomer.input.confirmCustomerId': () => 'not confirmed',
  };
  return (path: string, name: string, scalar: string): unknown => {
    if (byPath[path]) return byPath[path]();
    if (scalar === 'ID') {
      if (name === 'interactionId' || (name === 'id' && /interaction/i.test(field))) return gid('Interaction', world.interactions[channelOf(field)]);
      if (name === 'customerId' || (name === 'id' && field === 'customer')) return gid('Customer', world.customerId);
      if (/queue/i.test(name) || (name === 'id' && /queue/i.test(path))) return gid('Queue', queueId);
      if (name === 'offerId') return gid('Offer', world.offerId);
      if (name === 'pushId') return world.pushId;
      if (name === 'sessionId') return gid('CobrowseSession', world.cobrowseSessionId);
      // Accounts acted on are a bystander's, never the caller's own.
      if (name === 'userId' || name === 'agentId' || name === 'agentIds') return users.get('target')!.gid;
      if (name === 'id' && field === 'node') return gid('Interaction', world.interactions.voice);
      if (name === 'ids') return gid('Interaction', world.interactions.voice);
      // Plain uuids (pushes, documents, keys): well-formed, of nothing.
      return randomUUID();
    }
    if (scalar === 'String') {
      if (/email/i.test(name)) return `someone@matrix.test`;
      if (/password/i.test(name)) return 'wrong password here';
      if (name === 'siteKey') return siteKey;
      if (name === 'timeZone') return 'Europe/Madrid';
      if (/url/i.test(name)) return 'https://shop.matrix.test/page';
    }
    return undefined;
  };
}

type Outcome = 'allowed' | 'denied' | 'invalid';
type Response = { data?: Record<string, { __typename?: string } | null>; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/**
 * A subscription over SSE: a refusal arrives as the stream's first (and only) event with the
 * error, then the stream ends; an accepted subscription stays open. The `complete` event or the
 * end of the body decides — never a timer.
 */
async function subscribeOnce(query: string, variables: Record<string, unknown>, auth?: string): Promise<Response> {
  const abort = new AbortController();
  const res = await fetch(`${t.api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  if (!res.headers.get('content-type')?.includes('text/event-stream')) return (await res.json()) as Response;
  const reader = res.body!.getReader();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
      const next = /event: next\ndata: (.*)\n/.exec(text);
      if (next) return JSON.parse(next[1]!) as Response;
      // yoga sends a keep-alive comment as soon as the stream is open and the source accepted.
      if (text.startsWith(':')) return { data: { accepted: { __typename: 'Stream' } } };
    }
  } finally {
    abort.abort();
  }
  return {};
}
const deniedResults = new Set(['NotYourInteractionError', 'NotYourOfferError']);

async function ask(root: 'query' | 'mutation' | 'subscription', field: string, who: PrincipalName): Promise<{ outcome: Outcome; body: unknown }> {
  const type = (root === 'query' ? schema.getQueryType() : root === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType()) as GraphQLObjectType;
  const world = await buildWorld(t.api.services.db, { queueId, agentId: users.get('involvedAgent')!.userId, siteId });
  const auth = await credentialFor(who, world);
  const { query, variables } = operationFor(schema, root, type.getFields()[field]!, picker(field, world));
  const res = root === 'subscription' ? await subscribeOnce(query, variables, auth) : await t.gql<Record<string, { __typename?: string } | null>>(query, variables, auth);
  const codes = (res.errors ?? []).map((e) => e.extensions?.code);
  const typename = res.data?.[field]?.__typename;
  const outcome: Outcome = codes.includes('FORBIDDEN') || codes.includes('UNAUTHENTICATED') || (typename && deniedResults.has(typename))
    ? 'denied'
    : typename === 'ValidationError' || codes.includes('GRAPHQL_VALIDATION_FAILED') || codes.includes('BAD_USER_INPUT')
      ? 'invalid'
      : 'allowed';
  return { outcome, body: res };
}

const roots = [
  ['query', schema.getQueryType()],
  ['mutation', schema.getMutationType()],
  ['subscription', schema.getSubscriptionType()],
] as const;

describe('authorization matrix (generated from the schema)', () => {
  for (const [root, type] of roots) {
    for (const field of Object.keys(type!.getFields())) {
      const key = `${type!.name}.${field}`;
      it(`${key}: only ${(expectations[key] ?? ['(undeclared)']).join(', ')}`, async () => {
        if (process.env.MATRIX_REPORT) {
          // Prints what the API does today, in the declarations' shape (for review, never to copy blindly).
          const now: string[] = [];
          for (const who of principals) {
            const { outcome, body } = await ask(root, field, who);
            if (outcome !== 'denied') now.push(outcome === 'invalid' ? `INVALID ${who}` : who);
            if (outcome !== 'denied' && (who === 'anonymous' || who === 'uninvolvedAgent')) console.log(`MATRIX-BODY ${key} ${who} ${JSON.stringify(body).slice(0, 400)}`);
            if (refreshesCaller.has(key) && users.has(who)) await signInAs(who);
          }
          console.log(`MATRIX '${key}': [${now.map((p) => `'${p}'`).join(', ')}],`);
          return;
        }
        const allowed = expectations[key];
        expect(allowed, `${key} has no declared expectation: add it to test/support/authorization/expectations.ts`).toBeDefined();
        const seen: Record<string, Outcome> = {};
        const wrong: string[] = [];
        for (const who of principals) {
          const { outcome, body } = await ask(root, field, who);
          seen[who] = outcome;
          if (outcome === 'invalid') wrong.push(`${who}: the generated request was invalid — give ${key} valid input (${JSON.stringify(body)})`);
          else if ((outcome === 'allowed') !== allowed!.includes(who)) wrong.push(`${who}: ${outcome} ${JSON.stringify(body).slice(0, 300)}`);
          if (refreshesCaller.has(key) && users.has(who)) await signInAs(who);
        }
        expect(wrong, JSON.stringify(seen)).toEqual([]);
      });
    }
  }
});
