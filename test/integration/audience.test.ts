import { beforeAll, describe, expect, it } from 'vitest';
import { listConsents } from '@cc/db/repositories/consents';
import { resolveCustomerByIdentity } from '@cc/db/repositories/customers';
import { useTestApi } from '../support/api';
import { gid } from '../support/authorization/world';

// The audience through GraphQL: customer attributes (validated), saved segments with the live
// count, and the CSV consent import (validation, duplicates, evidence, all-or-nothing, re-import).
const t = useTestApi();
let sup: string;
let key: string;

const setAttributes = `mutation($input: SetCustomerAttributesInput!) { setCustomerAttributes(input: $input) {
  __typename ... on SetCustomerAttributesPayload { customer { tags language country timeZone fields } } ... on Error { message } } }`;
const preview = `query($filter: SegmentFilterInput!) { segmentPreview(filter: $filter) { __typename ... on SegmentPreview { recipientCount } ... on Error { message } } }`;
const importConsents = `mutation($input: ImportConsentsInput!) { importConsents(input: $input) {
  __typename ... on ImportConsentsPayload { dryRun accepted recorded alreadyRecorded customersCreated rejected { line reason } } ... on Error { message } } }`;
type ImportResult = { importConsents: { __typename: string; message?: string; dryRun: boolean; accepted: number; recorded: number; alreadyRecorded: number[]; customersCreated: number; rejected: { line: number; reason: string }[] } };

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
  const admin = (await t.signIn('admin')).token;
  const res = await t.gql<{ createApiKey: { token: string } }>('mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeyPayload { token } } }', { input: { name: 'crm', scopes: ['CUSTOMERS_WRITE'] } }, admin);
  key = res.data!.createApiKey.token;
});

describe('customer attributes', () => {
  it('an integrator sets tags, language, country, time zone and custom fields, normalized; fields merge', async () => {
    const { customer } = await resolveCustomerByIdentity(t.api.services.db, 'whatsapp', '+34611000001');
    const id = gid('Customer', customer.id);
    const first = await t.gql(setAttributes, { input: { customerId: id, tags: ['VIP', 'madrid', 'vip'], language: 'ES', country: 'es', timeZone: 'europe/madrid', fields: { plan: 'gold', visits: 3 } } }, key);
    expect(first.data).toEqual({ setCustomerAttributes: { __typename: 'SetCustomerAttributesPayload', customer: { tags: ['madrid', 'vip'], language: 'es', country: 'ES', timeZone: 'Europe/Madrid', fields: { plan: 'gold', visits: 3 } } } });
    const second = await t.gql<{ setCustomerAttributes: { customer: Record<string, unknown> } }>(setAttributes, { input: { customerId: id, fields: { visits: null, vip_since: '2025-01-01' }, language: null } }, sup);
    expect(second.data!.setCustomerAttributes.customer).toMatchObject({ tags: ['madrid', 'vip'], language: null, country: 'ES', fields: { plan: 'gold', vip_since: '2025-01-01' } });
  });

  it.each([
    [{ timeZone: '+01:00' }, /timeZone: "\+01:00" is not an IANA time zone/],
    [{ timeZone: 'Mars/Olympus' }, /timeZone/],
    [{ language: 'xx' }, /language: "xx" is not a two-letter ISO 639-1/],
    [{ language: 'spa' }, /language/],
    [{ country: 'UK' }, /country: "UK" is not a two-letter ISO 3166-1/],
    [{ tags: ['no spaces'] }, /tags: "no spaces" is not a tag/],
    [{ fields: { '1st': 'x' } }, /"1st" is not a field name/],
    [{ fields: { nested: { a: 1 } } }, /fields.nested: a custom field holds a string/],
  ])('refuses %j with a typed error, changing nothing', async (attrs, message) => {
    const { customer } = await resolveCustomerByIdentity(t.api.services.db, 'whatsapp', '+34611000002');
    const res = await t.gql<{ setCustomerAttributes: { __typename: string; message: string } }>(setAttributes, { input: { customerId: gid('Customer', customer.id), tags: ['kept'], ...attrs } }, sup);
    expect(res.data!.setCustomerAttributes.__typename).toBe('InvalidAttributeError');
    expect(res.data!.setCustomerAttributes.message).toMatch(message);
    const row = await t.api.services.db.selectFrom('customers').select('tags').where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect(row.tags).toEqual([]);
  });

  it('an unknown customer is NotFoundError', async () => {
    const res = await t.gql<{ setCustomerAttributes: { __typename: string } }>(setAttributes, { input: { customerId: gid('Customer', '00000000-0000-4000-8000-000000000000'), tags: ['x'] } }, sup);
    expect(res.data!.setCustomerAttributes.__typename).toBe('NotFoundError');
  });
});

describe('consent import and segments', () => {
  const header = 'phone,purpose,consented_at,source,wording,granted,name';
  const csv = [
    header,
    '+34 622 000 001,marketing,2025-03-01,web form,"Acepto recibir ofertas de Acme por WhatsApp",yes,Ana',
    '0034622000002,MARKETING,2025-03-02T10:00:00Z,web form,Acepto recibir ofertas de Acme por WhatsApp,,Bea',
    '622000003,marketing,2025-03-01,web form,Acepto recibir ofertas,yes,',
    '+34 622 000 001,marketing,2025-04-01,paper,Acepto recibir ofertas de Acme,yes,Ana',
    '+34622000004,promo,2025-03-01,web form,Acepto recibir ofertas,yes,',
    '+34622000005,service,01/03/2025,web form,Acepto recibir avisos,yes,',
    '+34622000006,service,2999-01-01,web form,Acepto recibir avisos,yes,',
    '+34622000007,marketing,2025-03-01,,Acepto recibir ofertas,yes,',
    '+34622000008,marketing,2025-03-01,web form,ok,yes,',
    '+34622000009,marketing,2025-03-01,web form,Acepto recibir ofertas,maybe,',
    '+1 555 0100,marketing,2025-03-01,web form,Acepto recibir ofertas,yes,',
    '+34622000010,service,2025-03-01,shop,Acepto recibir avisos del pedido,yes,Carl',
    '+34622000011,marketing,2025-03-01,shop,Acepto recibir ofertas,no,Dan',
  ].join('\n');

  it('a dry run reports every rejected line with its number and reason and records nothing', async () => {
    const res = await t.gql<ImportResult>(importConsents, { input: { csv, fileName: 'optins.csv', dryRun: true } }, sup);
    const out = res.data!.importConsents;
    expect(out).toMatchObject({ __typename: 'ImportConsentsPayload', dryRun: true, accepted: 4, recorded: 0 });
    expect(out.rejected.map((r) => r.line)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const reasons = Object.fromEntries(out.rejected.map((r) => [r.line, r.reason]));
    expect(reasons[4]).toMatch(/not in international format/);
    expect(reasons[5]).toBe('duplicate of line 2 (same number and purpose)');
    expect(reasons[6]).toMatch(/purpose "promo" must be marketing or service/);
    expect(reasons[7]).toMatch(/ISO 8601/);
    expect(reasons[8]).toMatch(/in the future/);
    expect(reasons[9]).toMatch(/source is empty/);
    expect(reasons[10]).toMatch(/wording is missing/);
    expect(reasons[11]).toMatch(/granted "maybe"/);
    expect(reasons[12]).toMatch(/not a valid number/);
    expect(await t.api.services.db.selectFrom('consents').select('id').where('source', '=', 'csv_import').execute()).toHaveLength(0);
  });

  it('records the accepted lines with their evidence, linking known numbers; a re-import records nothing twice', async () => {
    const { customer: known } = await resolveCustomerByIdentity(t.api.services.db, 'phone', '+34622000010');
    const res = await t.gql<ImportResult>(importConsents, { input: { csv, fileName: 'optins.csv' } }, sup);
    expect(res.data!.importConsents).toMatchObject({ dryRun: false, accepted: 4, recorded: 4, alreadyRecorded: [], customersCreated: 3 });
    const consents = await listConsents(t.api.services.db, known.id);
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ purpose: 'service', granted: true, source: 'csv_import', created_at: new Date('2025-03-01T00:00:00Z') });
    expect(consents[0]!.evidence).toMatchObject({ origin: 'shop', wording: 'Acepto recibir avisos del pedido', file: 'optins.csv', line: 13, phone: '+34622000010' });

    const again = await t.gql<ImportResult>(importConsents, { input: { csv, fileName: 'optins.csv' } }, sup);
    expect(again.data!.importConsents).toMatchObject({ recorded: 0, alreadyRecorded: [2, 3, 13, 14], customersCreated: 0 });
  });

  it('a file without the required columns is refused as a whole', async () => {
    const res = await t.gql<ImportResult>(importConsents, { input: { csv: 'phone;purpose\n+34622000001;marketing' } }, sup);
    expect(res.data!.importConsents).toMatchObject({ __typename: 'ConsentFileError', message: expect.stringMatching(/lacks consented_at, source, wording/) });
  });

  it('the live count and saved segments select only marketing consents not withdrawn', async () => {
    // Ana and Bea granted marketing; Dan withdrew; Carl granted service only. Then Bea replies STOP.
    const count = async (filter: Record<string, unknown>) => (await t.gql<{ segmentPreview: { recipientCount: number } }>(preview, { filter }, sup)).data!.segmentPreview.recipientCount;
    expect(await count({})).toBe(2);
    expect(await count({ consentPurpose: 'SERVICE' })).toBe(1);
    const bea = await t.api.services.db.selectFrom('customers').select('id').where('display_name', '=', 'Bea').executeTakeFirstOrThrow();
    await t.api.services.db.insertInto('consents').values({ customer_id: bea.id, channel: 'whatsapp', purpose: 'all', granted: false, source: 'whatsapp_keyword', evidence: '{}' }).execute();
    expect(await count({})).toBe(1);

    const created = await t.gql<{ createSegment: { __typename: string; segment: { id: string; name: string; recipientCount: number; filter: Record<string, unknown> } } }>(
      `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { __typename ... on SegmentPayload { segment { id name recipientCount filter { tagsAny languages consentPurpose fieldEquals { key value } channelActivity { channel withinDays had } } } } } }`,
      { input: { name: 'Spring offers', filter: { tagsAny: ['VIP'], languages: ['ES'], fieldEquals: [{ key: 'plan', value: 'gold' }], channelActivity: { channel: 'WHATSAPP', withinDays: 30 } } } },
      sup,
    );
    expect(created.data!.createSegment).toMatchObject({
      __typename: 'SegmentPayload',
      segment: { name: 'Spring offers', recipientCount: 0, filter: { tagsAny: ['vip'], languages: ['es'], consentPurpose: 'MARKETING', fieldEquals: [{ key: 'plan', value: 'gold' }], channelActivity: { channel: 'WHATSAPP', withinDays: 30, had: true } } },
    });
    const dup = await t.gql<{ createSegment: { __typename: string } }>(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }`, { input: { name: 'spring OFFERS', filter: {} } }, sup);
    expect(dup.data!.createSegment.__typename).toBe('SegmentNameTakenError');
    const segmentId = created.data!.createSegment.segment.id;
    const updated = await t.gql<{ updateSegment: { segment: { name: string; recipientCount: number } } }>(
      `mutation($input: UpdateSegmentInput!) { updateSegment(input: $input) { ... on SegmentPayload { segment { name recipientCount } } } }`,
      { input: { segmentId, name: 'Everyone opted in', filter: {} } },
      sup,
    );
    expect(updated.data!.updateSegment.segment).toEqual({ name: 'Everyone opted in', recipientCount: 1 });
    const list = await t.gql<{ segments: { id: string }[] }>('{ segments { id name } }', {}, sup);
    expect(list.data!.segments.map((s) => s.id)).toEqual([segmentId]);
    const deleted = await t.gql<{ deleteSegment: { deletedSegmentId: string } }>(`mutation($input: DeleteSegmentInput!) { deleteSegment(input: $input) { ... on DeleteSegmentPayload { deletedSegmentId } } }`, { input: { segmentId } }, sup);
    expect(deleted.data!.deleteSegment.deletedSegmentId).toBe(segmentId);
    expect((await t.gql<{ segments: unknown[] }>('{ segments { id } }', {}, sup)).data!.segments).toEqual([]);
  });

  it('refuses an invalid criterion in the preview', async () => {
    const res = await t.gql<{ segmentPreview: { __typename: string; message: string } }>(preview, { filter: { timeZones: ['Nowhere/City'], channelActivity: { channel: 'WHATSAPP', withinDays: 0 } } }, sup);
    expect(res.data!.segmentPreview).toMatchObject({ __typename: 'InvalidAttributeError', message: expect.stringMatching(/timeZones/) });
  });
});

describe('web chat marketing opt-in', () => {
  const startVisit = `mutation($input: StartVisitInput!) { startVisit(input: $input) { __typename ... on VisitPayload { visitorToken } } }`;
  const optIn = `mutation($input: OptInToMarketingInput!) { optInToMarketing(input: $input) { __typename ... on OptInToMarketingPayload { phone } ... on Error { message } } }`;
  let visitorToken: string;

  beforeAll(async () => {
    const queueId = (await t.gql<{ createQueue: { queue: { id: string } } }>(
      `mutation($input: CreateQueueInput!) { createQueue(input: $input) { ... on QueuePayload { queue { id } } } }`,
      { input: { name: 'Opt-in chat', channels: ['WEBCHAT'] } },
      sup,
    )).data!.createQueue.queue.id;
    await t.gql(`mutation($input: SaveChatSiteInput!) { saveChatSite(input: $input) { __typename } }`, { input: { key: 'acme', name: 'Acme Shoes', queueId } }, sup);
    const res = await fetch(`${t.api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://acme.test' }, body: JSON.stringify({ query: startVisit, variables: { input: { siteKey: 'acme' } } }) });
    visitorToken = ((await res.json()) as { data: { startVisit: { visitorToken: string } } }).data.startVisit.visitorToken;
  });

  it('the checkbox names the company; ticked, it records a MARKETING consent with that wording as evidence', async () => {
    const text = await t.gql<{ visitorMarketingOptIn: { company: string; wording: string } }>('{ visitorMarketingOptIn { company wording } }', {}, visitorToken);
    expect(text.data!.visitorMarketingOptIn.company).toBe('Acme Shoes');
    expect(text.data!.visitorMarketingOptIn.wording).toMatch(/offers and news from Acme Shoes on WhatsApp/);

    const unticked = await t.gql<{ optInToMarketing: { __typename: string } }>(optIn, { input: { phone: '+34 633 000 001', agreed: false } }, visitorToken);
    expect(unticked.data!.optInToMarketing.__typename).toBe('InvalidAttributeError');
    const bad = await t.gql<{ optInToMarketing: { __typename: string; message: string } }>(optIn, { input: { phone: '12', agreed: true } }, visitorToken);
    expect(bad.data!.optInToMarketing).toMatchObject({ __typename: 'InvalidAttributeError', message: expect.stringMatching(/not a valid phone number/) });

    const res = await t.gql<{ optInToMarketing: { phone: string } }>(optIn, { input: { phone: '+34 633 000 001', agreed: true, pageUrl: 'https://acme.test/shoes' } }, visitorToken);
    expect(res.data!.optInToMarketing.phone).toBe('+34633000001');
    const identity = await t.api.services.db.selectFrom('customer_identities').select('customer_id').where('kind', '=', 'whatsapp').where('value', '=', '+34633000001').executeTakeFirstOrThrow();
    const [consent] = await listConsents(t.api.services.db, identity.customer_id);
    expect(consent).toMatchObject({ purpose: 'marketing', granted: true, source: 'webchat_checkbox' });
    expect(consent!.evidence).toMatchObject({ wording: text.data!.visitorMarketingOptIn.wording, company: 'Acme Shoes', page: 'https://acme.test/shoes' });
  });

  it('is for chat visitors only', async () => {
    const res = await t.gql<{ optInToMarketing: unknown }>(optIn, { input: { phone: '+34 633 000 002', agreed: true } }, sup);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
