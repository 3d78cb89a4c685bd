import { beforeAll, describe, expect, it } from 'vitest';
import { recordInteractionEvent } from '@cc/db/repositories/interaction-events';
import type { Channel } from '@cc/core/channels';
import { useTestApi } from '../support/api';
import { createQueue, ops } from '../support/routing-fixtures';
import { buildWorld, gid, type World } from '../support/authorization/world';

// The conversation archive end to end over GraphQL: Spanish and English stemming with accents
// ignored, filters, notes, escaped snippets, keyset pages, the audit entry, and the policy (an agent
// finds only the interactions they took part in).
const t = useTestApi();
let sup: string;
const agents: Record<'ana' | 'bea' | 'carl', { token: string; userId: string }> = {} as never;
let anas: World;
let beas: World;
let queueGid: string;
let queueId: string;

const search = `query($input: ArchiveSearchInput!, $first: Int, $after: String) {
  archiveSearch(input: $input, first: $first, after: $after) {
    __typename
    ... on ArchiveSearchPage { nextCursor hits { id kind snippetHtml channel direction at customer { id } interaction { id } } }
    ... on Error { message }
  }
}`;
type Hit = { id: string; kind: string; snippetHtml: string; channel: string; customer: { id: string }; interaction: { id: string } | null };
type Result = { archiveSearch: { __typename: string; message?: string; nextCursor?: string | null; hits?: Hit[] } };

async function find(token: string, input: Record<string, unknown>, page: { first?: number; after?: string } = {}) {
  const res = await t.gql<Result>(search, { input, ...page }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.archiveSearch;
}
const snippets = async (token: string, input: Record<string, unknown>) => (await find(token, input)).hits!.map((h) => h.snippetHtml);

async function say(world: World, channel: Channel, body: string, at: Date, direction: 'inbound' | 'outbound' = 'inbound') {
  await t.api.services.db
    .insertInto('messages')
    .values({ interaction_id: world.interactions[channel === 'voice' ? 'voice' : channel], customer_id: world.customerId, direction, channel, agent_id: null, body, media: null, location: null, provider: null, provider_message_id: null, delivery_status: null, error_code: null, context: '{}', created_at: at })
    .execute();
}

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
  queueGid = await createQueue(t, sup, { name: 'Archive', channels: ['VOICE', 'WHATSAPP', 'EMAIL', 'WEBCHAT'] });
  queueId = Buffer.from(queueGid, 'base64').toString().split(':')[1]!;
  for (const name of ['ana', 'bea', 'carl'] as const) {
    agents[name] = await t.signIn('agent', `${name}@archive.test`);
    const capacity = ['VOICE', 'WHATSAPP', 'EMAIL', 'WEBCHAT'].map((channel) => ({ channel, slots: 5 }));
    await t.gql(ops.saveAgent, { input: { userId: gid('User', agents[name].userId), queueIds: [queueGid], skills: [], capacity } }, sup);
  }
  const db = t.api.services.db;
  anas = await buildWorld(db, { queueId, agentId: agents.ana.userId });
  beas = await buildWorld(db, { queueId, agentId: agents.bea.userId });
  await say(anas, 'whatsapp', 'Hola, tengo un problema con la facturación de este mes', new Date('2026-11-02T10:00:00Z'));
  await say(anas, 'email', 'Quiero saber dónde están mis pedidos, por favor', new Date('2026-11-03T10:00:00Z'));
  await say(anas, 'webchat', 'My orders were shipping to the wrong address', new Date('2026-11-04T10:00:00Z'));
  await say(anas, 'whatsapp', 'Factura <img src=x onerror=alert(1)> "pendiente" & más \u0002cosas\u0003 <b>negrita</b> a < b', new Date('2026-11-05T10:00:00Z'));
  await say(beas, 'email', 'Reclamación sobre la facturación del cliente de Bea', new Date('2026-11-06T10:00:00Z'));
  await recordInteractionEvent(db, { interactionId: anas.interactions.email, type: 'note', actor: { type: 'user', id: agents.ana.userId }, data: { text: 'Cliente molesto por la devolución' }, at: new Date('2026-11-07T10:00:00Z') });
});

describe('archive search', () => {
  it('finds Spanish words without their accents and by another form of the word', async () => {
    expect(await snippets(sup, { query: 'facturacion' })).toEqual([
      'Reclamación sobre la <mark>facturación</mark> del cliente de Bea',
      'Hola, tengo un problema con la <mark>facturación</mark> de este mes',
    ]);
    const pedido = await snippets(sup, { query: 'pedido' });
    expect(pedido).toHaveLength(1);
    expect(pedido[0]).toContain('<mark>pedidos</mark>');
    expect(await snippets(sup, { query: 'dónde' })).toHaveLength(1);
  });

  it('finds English words by their stem, and phrases and exclusions in web search syntax', async () => {
    const hits = await snippets(sup, { query: 'order shipped' });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toContain('<mark>orders</mark>');
    expect(hits[0]).toContain('<mark>shipping</mark>');
    expect(await snippets(sup, { query: 'facturación -Bea' })).toHaveLength(1);
    expect(await snippets(sup, { query: '"wrong address"' })).toHaveLength(1);
    expect(await snippets(sup, { query: '"address wrong"' })).toHaveLength(0);
  });

  it('searches agents’ notes too', async () => {
    const page = await find(sup, { query: 'devolucion' });
    expect(page.hits!.map((h) => [h.kind, h.channel, h.interaction?.id])).toEqual([['NOTE', 'EMAIL', gid('Interaction', anas.interactions.email)]]);
    expect(page.hits![0]!.snippetHtml).toBe('Cliente molesto por la <mark>devolución</mark>');
  });

  it('escapes what customers wrote: the only markup in a snippet is <mark>', async () => {
    const [html] = await snippets(sup, { query: 'pendiente' });
    expect(html).toBeDefined();
    expect(html!.replaceAll('<mark>', '').replaceAll('</mark>', '')).not.toMatch(/[<>]/);
    expect(html).toContain('&quot;<mark>pendiente</mark>&quot; &amp; más');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // The control characters used as marks cannot be smuggled in: "cosas" is not marked.
    expect(html).not.toContain('<mark>cosas</mark>');
  });

  it('filters by channel, customer, agent, dates and tags', async () => {
    expect(await snippets(sup, { query: 'facturacion', channels: ['EMAIL'] })).toHaveLength(1);
    expect(await snippets(sup, { query: 'facturacion', customerId: gid('Customer', anas.customerId) })).toHaveLength(1);
    expect(await snippets(sup, { query: 'facturacion', agentId: gid('User', agents.bea.userId) })).toEqual(['Reclamación sobre la <mark>facturación</mark> del cliente de Bea']);
    expect(await snippets(sup, { query: 'facturacion', from: '2026-11-01T00:00:00Z', to: '2026-11-03T00:00:00Z' })).toHaveLength(1);
    expect(await snippets(sup, { query: 'facturacion', from: '2026-11-07T00:00:00Z' })).toHaveLength(0);
    await t.api.services.db.updateTable('customers').set({ tags: ['vip'] }).where('id', '=', beas.customerId).execute();
    expect(await snippets(sup, { query: 'facturacion', tags: ['vip'] })).toEqual(['Reclamación sobre la <mark>facturación</mark> del cliente de Bea']);
  });

  it('filters by queue and by wrap-up code, messages and notes alike', async () => {
    const db = t.api.services.db;
    const otherGid = await createQueue(t, sup, { name: 'Archive other', channels: ['EMAIL'] });
    const otherId = Buffer.from(otherGid, 'base64').toString().split(':')[1]!;
    await db.updateTable('interactions').set({ queue_id: otherId }).where('id', '=', beas.interactions.email).execute();
    expect(await snippets(sup, { query: 'facturacion', queueId: otherGid })).toEqual(['Reclamación sobre la <mark>facturación</mark> del cliente de Bea']);
    expect(await snippets(sup, { query: 'facturacion', queueId: queueGid })).toEqual(['Hola, tengo un problema con la <mark>facturación</mark> de este mes']);

    const [billing, other] = await db
      .insertInto('dispositions')
      .values([
        { queue_id: queueId, code: 'BILLING', label: 'Facturación' },
        { queue_id: queueId, code: 'OTHER', label: 'Otro' },
      ])
      .returning('id')
      .execute();
    await db.updateTable('interactions').set({ disposition_id: billing!.id }).where('id', '=', anas.interactions.email).execute();
    // Ana's email carries the message about her orders and her note about the return.
    expect(await snippets(sup, { query: 'pedidos', dispositionId: billing!.id })).toHaveLength(1);
    expect((await find(sup, { query: 'devolucion', dispositionId: billing!.id })).hits!.map((h) => h.kind)).toEqual(['NOTE']);
    expect(await snippets(sup, { query: 'facturacion', dispositionId: billing!.id })).toEqual([]);
    expect(await snippets(sup, { query: 'pedidos', dispositionId: other!.id })).toEqual([]);
  });

  it('pages newest first by cursor, without repeats', async () => {
    const first = await find(sup, { query: 'facturacion' }, { first: 1 });
    expect(first.hits).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = await find(sup, { query: 'facturacion' }, { first: 1, after: first.nextCursor! });
    expect(second.hits).toHaveLength(1);
    expect(second.hits![0]!.id).not.toBe(first.hits![0]!.id);
    expect(second.nextCursor).toBeNull();
    const bad = await find(sup, { query: 'facturacion' }, { after: 'bm9wZQ' });
    expect(bad.__typename).toBe('InvalidArchiveSearchError');
  });

  it('refuses an empty search with a typed error', async () => {
    const empty = await find(sup, { query: '   ' });
    expect(empty.__typename).toBe('ValidationError');
  });

  it('an agent finds only the interactions they took part in', async () => {
    expect(await snippets(agents.bea.token, { query: 'facturacion' })).toEqual(['Reclamación sobre la <mark>facturación</mark> del cliente de Bea']);
    expect(await snippets(agents.ana.token, { query: 'facturacion' })).toEqual(['Hola, tengo un problema con la <mark>facturación</mark> de este mes']);
    expect(await snippets(agents.carl.token, { query: 'facturacion' })).toEqual([]);
    expect(await snippets(agents.carl.token, { query: 'facturacion', customerId: gid('Customer', anas.customerId) })).toEqual([]);
    expect(await snippets(agents.bea.token, { query: 'devolucion' })).toEqual([]);
  });

  it('records each search in the audit log', async () => {
    await find(sup, { query: 'pedido' });
    const rows = await t.api.services.db.selectFrom('audit_events').select(['action', 'data']).where('action', '=', 'customer.read.archive_search').execute();
    const last = rows.at(-1)!;
    expect(last.data).toMatchObject({ query: 'pedido', hits: 1, customerIds: [anas.customerId] });
  });
});

describe('transcripts', () => {
  const get = (path: string, token?: string) => fetch(`${t.api.url}/archive/transcripts/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('prints one interaction as an escaped, printable page, in Spanish when asked', async () => {
    const res = await get(`interaction/${anas.interactions.whatsapp}.html?lang=es&timeZone=Europe/Madrid`, sup);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('Transcripción');
    expect(html).toContain('problema con la facturación');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('@media print');
    expect(html).not.toContain('Reclamación'); // Bea's customer
  });

  it('gives one customer’s whole history as JSON, notes included', async () => {
    const res = await get(`customer/${anas.customerId}.json`, sup);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { scope: string; customer: { id: string }; lines: { kind: string; text: string }[] };
    expect(body.scope).toBe('customer');
    expect(body.customer.id).toBe(anas.customerId);
    const texts = body.lines.map((l) => l.text);
    expect(texts).toContain('Quiero saber dónde están mis pedidos, por favor');
    expect(body.lines.filter((l) => l.kind === 'note').map((l) => l.text)).toContain('Cliente molesto por la devolución');
  });

  it('answers 404 to agents who may not read it and 401 without a credential', async () => {
    expect((await get(`interaction/${anas.interactions.whatsapp}.html`, agents.carl.token)).status).toBe(404);
    expect((await get(`customer/${anas.customerId}.json`, agents.bea.token)).status).toBe(404);
    expect((await get(`interaction/${beas.interactions.email}.json`, agents.bea.token)).status).toBe(200);
    expect((await get(`interaction/${anas.interactions.whatsapp}.html`)).status).toBe(401);
    const audited = await t.api.services.db.selectFrom('audit_events').select('subject_type').where('action', '=', 'customer.read.timeline').execute();
    expect(audited.map((a) => a.subject_type)).toEqual(expect.arrayContaining(['interaction_transcript', 'customer_transcript']));
  });
});
