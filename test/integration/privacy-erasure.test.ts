import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import yauzl from 'yauzl';
import { Client, Connection } from '@temporalio/client';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { recordConsent } from '@cc/db/repositories/consents';
import { privacyHandlers, tablesWithoutPersonalData } from '@cc/api/privacy/registry';
import { createQueue } from '../support/routing-fixtures';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, whatsAppSender } from '../support/twilio/stack';
import { until } from '../support/until';

// Right of access and right to erasure (issue 20): one customer with data on every channel and in
// every table that can hold it; the export package holds every record; erasure leaves no trace of
// their phone, email, name or words in any text/json column of any table, nor in any file; what the
// law keeps is blocked (sealed, admins only, audited); Twilio is asked to delete what it keeps.
const exportsDir = mkdtempSync(join(tmpdir(), 'cc-exports-'));
const t = useTwilioTestApi({ exportsDir });
afterAll(() => rmSync(exportsDir, { recursive: true, force: true }));

const phone = '+34612000222';
const email = 'zoe.erasmus@example.com';
const name = 'Zoe Erasmus';
const words = 'my secret text qx7749';
const needles = [phone, phone.slice(1), email, name, 'Erasmus', words];
const mediaName = `ME${randomBytes(16).toString('hex')}`;
const recordingSid = `RE${randomBytes(16).toString('hex')}`;
const callSid = `CA${randomBytes(16).toString('hex')}`;
const image = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`picture of ${name}`), Buffer.alloc(256, 3)]);

let admin: string;
let supervisor: string;
let customerId: string;
let customerGid: string;
let whatsAppSid: string;

/** Every entry of a zip, by name. */
function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((ok, fail) =>
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return fail(error);
      const out = new Map<string, Buffer>();
      zip.on('error', fail);
      zip.on('end', () => ok(out));
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.readEntry();
    }),
  );
}

/** Every row of every text, varchar, json(b) and text[] column — and bytea — of the public schema that contains `needle`. */
async function findEverywhere(needle: string): Promise<string[]> {
  const db = t.api.services.db;
  const { rows: columns } = await sql<{ table_name: string; column_name: string; data_type: string; udt_name: string }>`
    select c.table_name, c.column_name, c.data_type, c.udt_name from information_schema.columns c
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')`.execute(db);
  const hits: string[] = [];
  for (const c of columns) {
    const col = sql.ref(c.column_name);
    const match =
      c.data_type === 'bytea'
        ? sql`position(convert_to(${needle}, 'UTF8') in ${col}) > 0`
        : c.udt_name === '_bytea'
          ? sql`exists (select 1 from unnest(${col}) u(x) where position(convert_to(${needle}, 'UTF8') in u.x) > 0)`
          : c.data_type === 'ARRAY'
            ? sql`array_to_string(${col}, ' ') ilike ${`%${needle}%`}`
            : sql`${col}::text ilike ${`%${needle}%`}`;
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(c.table_name)} where ${match}`.execute(db);
    if (Number(rows[0]!.n) > 0) hits.push(`${c.table_name}.${c.column_name}`);
  }
  return hits;
}

beforeAll(async () => {
  const db = t.api.services.db;
  admin = (await t.signIn('admin')).token;
  supervisor = (await t.signIn('supervisor')).token;
  await createQueue(t, supervisor, { name: 'WhatsApp', channels: ['WHATSAPP'] });
  const voiceQueue = decodeGlobalID(await createQueue(t, supervisor, { name: 'Calls', channels: ['VOICE', 'EMAIL', 'WEBCHAT'] })).id;

  // WhatsApp: a message with a photo, then an opt-out (consent evidence with the number and wording).
  t.media.serve({ [mediaName]: { contentType: 'image/jpeg', data: image } });
  whatsAppSid = sid('SM');
  const inbound = { MessageSid: whatsAppSid, AccountSid: testAccountSid, From: `whatsapp:${phone}`, To: whatsAppSender, WaId: phone.slice(1), ProfileName: name, Body: words, NumMedia: '1', MediaUrl0: t.media.url(mediaName), MediaContentType0: 'image/jpeg' };
  expect((await postSigned(t.url('/webhooks/twilio/whatsapp'), inbound)).status).toBe(200);
  const stop = { ...inbound, MessageSid: sid('SM'), Body: 'BAJA', NumMedia: '0', MediaUrl0: undefined, MediaContentType0: undefined };
  expect((await postSigned(t.url('/webhooks/twilio/whatsapp'), Object.fromEntries(Object.entries(stop).filter(([, v]) => v !== undefined)) as Record<string, string>)).status).toBe(200);
  const message = await until(() => db.selectFrom('messages').selectAll().where('provider_message_id', '=', whatsAppSid).executeTakeFirst(), (m) => !!m);
  customerId = message!.customer_id;
  customerGid = encodeGlobalID('Customer', customerId);
  const interactionId = message!.interaction_id!;
  await until(() => db.selectFrom('consents').select('id').where('customer_id', '=', customerId).execute(), (r) => r.length === 1);

  // The same person by email and web chat, a recorded call, a note, a push with a tracked link, a
  // co-browse session with its consent and log, and a verbal consent — the way each feature stores them.
  await db.insertInto('customer_identities').values([
    { customer_id: customerId, kind: 'email', value: email, label: name },
    { customer_id: customerId, kind: 'phone', value: phone, label: null },
    { customer_id: customerId, kind: 'webchat', value: 'visitor-zoe-1', label: null },
  ]).execute();
  const call = await db.insertInto('interactions').values({ channel: 'voice', customer_id: customerId, queue_id: voiceQueue, priority: 0, status: 'closed', subject: `Call from ${name}`, context: JSON.stringify({ callSid, from: phone, recording: { sid: recordingSid, url: `https://api.twilio.com/2010-04-01/Accounts/${testAccountSid}/Recordings/${recordingSid}`, durationSeconds: 30 } }), enqueued_at: new Date(), closed_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('messages').values({ interaction_id: call.id, customer_id: customerId, direction: 'inbound', channel: 'email', body: `${words} by mail`, context: JSON.stringify({ email: { messageId: 'm1@example.com', inReplyTo: null, references: [], from: `${name} <${email}>`, replyTo: email, inbox: 'help@cc.test', subject: `Hello from ${name}`, html: `<p>${words}</p>`, autoGenerated: false, attachments: [] } }), provider: 'smtp', provider_message_id: 'm1@example.com', delivery_status: 'received' }).execute();
  await db.insertInto('interaction_events').values({ interaction_id: interactionId, type: 'note', actor_type: 'user', actor_id: null, data: JSON.stringify({ text: `${name} repeated: ${words}` }) }).execute();
  const pushMessage = await db.insertInto('messages').values({ interaction_id: call.id, customer_id: customerId, direction: 'outbound', channel: 'whatsapp', body: `Hi ${name}, https://shop.example/o?email=${email}`, provider: 'twilio', provider_message_id: sid('SM'), delivery_status: 'delivered' }).returning('id').executeTakeFirstOrThrow();
  const push = await db.insertInto('pushes').values({ interaction_id: call.id, customer_id: customerId, kind: 'link', content: JSON.stringify({ url: `https://shop.example/o?email=${email}` }), to_number: phone, mode: 'free_form', message_id: pushMessage.id, status: 'delivered' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('push_links').values({ token: `tok${randomBytes(6).toString('hex')}`, push_id: push.id, url: `https://shop.example/o?email=${email}` }).execute();
  const site = await db.insertInto('webchat_sites').values({ key: 'shop', name: 'Shop', queue_id: voiceQueue }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('webchat_visitors').values({ site_id: site.id, visitor_id: 'visitor-zoe-1' }).execute();
  const session = await db.insertInto('cobrowse_sessions').values({ site_id: site.id, interaction_id: call.id, status: 'ended', via: 'code', current_url: `https://shop.example/account?email=${email}`, pages_visited: [`https://shop.example/account?email=${email}`], consent_evidence: JSON.stringify({ wording: 'Share your screen?', caller: phone }), consented_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('cobrowse_recordings').values({ session_id: session.id, seq: 1, url: `https://shop.example/account?email=${email}`, packed: [Buffer.from(`typed ${name}`)], bytes: 20, keep_until: new Date(Date.now() + 86_400_000) }).execute();
  await recordConsent(db, { customerId, channel: 'voice', purpose: 'marketing', granted: true, source: 'agent_verbal', evidence: { wording: `${name} said yes to offers`, callSid, caller: phone }, recordedByUserId: null, messageId: null, interactionId: call.id }, new Date());
  // A campaign sent to them, with its tracked link (its URL carries their email).
  const { rows: [campaign] } = await sql<{ id: string }>`
    insert into campaigns (name, segment_filter, template_sid, variable_mapping, status, rate_per_second, frequency_cap_count, frequency_cap_days, quiet_hours, default_time_zone, failure_threshold, block_threshold, threshold_min_sample)
    values ('Spring', '{}', ${`HX${'0'.repeat(32)}`}, '{}', 'completed', 1, 1, 1, '{}', 'Europe/Madrid', 0.5, 0.5, 10) returning id`.execute(db);
  const { rows: [recipient] } = await sql<{ id: string }>`
    insert into campaign_recipients (campaign_id, customer_id, to_number, variables, state) values (${campaign!.id}, ${customerId}, ${phone}, ${JSON.stringify({ 1: name })}, 'sent') returning id`.execute(db);
  await sql`insert into campaign_links (token, campaign_id, recipient_id, url) values (${`c${randomBytes(6).toString('hex')}`}, ${campaign!.id}, ${recipient!.id}, ${`https://shop.example/offer?email=${email}`})`.execute(db);
  await db.updateTable('customers').set({ display_name: name }).where('id', '=', customerId).execute();
  for (const needle of [phone, email, name, words]) expect(await findEverywhere(needle), needle).not.toEqual([]);
}, 120_000);

const EXPORT_FIELDS = 'id status progress step sizeBytes downloadUrl expiresAt error';

describe('subject access export', () => {
  let zip: Map<string, Buffer>;

  it('an admin finds the customer by phone or email and starts an export; supervisors may not', async () => {
    const lookup = 'query($l: PrivacyLookup!) { privacySubject(lookup: $l) { erasedAt blockedRecords customer { id displayName } } }';
    for (const l of [{ phone: '612 000 222' }, { email: email.toUpperCase() }, { customerId: customerGid }]) {
      const r = await t.gql<{ privacySubject: { customer: { id: string; displayName: string } } }>(lookup, { l }, admin);
      expect(r.data?.privacySubject.customer).toEqual({ id: customerGid, displayName: name });
    }
    expect((await t.gql<{ privacySubject: null }>(lookup, { l: { email: 'nobody@example.com' } }, admin)).data?.privacySubject).toBeNull();
    const refused = await t.gql(lookup, { l: { email } }, supervisor);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('builds one package in a workflow (progress visible) behind a signed 48 h link holding every record, email, file, recording link and consent', async () => {
    const started = await t.gql<{ startDataExport: { export: { id: string; status: string } } }>(
      `mutation($i: StartDataExportInput!) { startDataExport(input: $i) { __typename ... on StartDataExportPayload { export { ${EXPORT_FIELDS} } } } }`,
      { i: { customerId: customerGid } },
      admin,
    );
    const id = started.data!.startDataExport.export.id;
    const ready = await until(
      async () => (await t.gql<{ dataExport: { status: string; progress: number; downloadUrl: string | null; expiresAt: string } }>(`query($id: ID!) { dataExport(id: $id) { ${EXPORT_FIELDS} } }`, { id }, admin)).data!.dataExport,
      (e) => e.status === 'READY' || e.status === 'FAILED',
      60_000,
    );
    expect(ready).toMatchObject({ status: 'READY', progress: 100 });
    const expiresIn = new Date(ready.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(47 * 3600_000);
    expect(expiresIn).toBeLessThanOrEqual(48 * 3600_000);
    const link = new URL(ready.downloadUrl!);
    const res = await fetch(t.url(`${link.pathname}${link.search}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const file = join(exportsDir, `export-${id}.zip`);
    zip = await readZip(file);
    // A tampered signature, and a media signature for the same id, open nothing.
    const tampered = link.search.replace(/sig=(.)/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    expect((await fetch(t.url(`${link.pathname}${tampered}`))).status).toBe(403);
    expect((await fetch(t.url(t.api.services.mediaUrls.signedPath(id, 3600, new Date()).replace('/media/', '/exports/')))).status).toBe(403);
    const download = await t.api.services.db.selectFrom('audit_events').selectAll().where('action', '=', 'customer.read.export_download').where('subject_id', '=', customerId).execute();
    expect(download).toHaveLength(1);
  });

  it('the package holds every row the database has of the customer, table by table', async () => {
    const db = t.api.services.db;
    const records = (section: string) => JSON.parse(zip.get(`records/${section}.json`)!.toString('utf8')) as { id?: string }[];
    const ids = async (table: 'messages' | 'interactions' | 'consents' | 'pushes' | 'customer_identities', column: 'customer_id') =>
      (await db.selectFrom(table).select('id').where(column, '=', customerId).execute()).map((r) => r.id).sort();
    expect(records('messages').map((r) => r.id).sort()).toEqual(await ids('messages', 'customer_id'));
    // The archive's search columns are derived from the text, not the customer's data: left out.
    expect(records('messages').filter((r) => 'search_document' in r)).toEqual([]);
    expect(records('messages').some((r) => 'body' in r)).toBe(true);
    expect(records('interactions').map((r) => r.id).sort()).toEqual(await ids('interactions', 'customer_id'));
    expect(records('consents').map((r) => r.id).sort()).toEqual(await ids('consents', 'customer_id'));
    expect(records('consents')).toHaveLength(2);
    expect(records('pushes').map((r) => r.id).sort()).toEqual(await ids('pushes', 'customer_id'));
    expect(records('identities').map((r) => r.id).sort()).toEqual(await ids('customer_identities', 'customer_id'));
    expect(records('customer')[0]).toMatchObject({ id: customerId, display_name: name });
    expect(records('interaction_events').some((e) => JSON.stringify(e).includes(words))).toBe(true);
    expect(records('push_links')).toHaveLength(1);
    expect(records('cobrowse_sessions')).toHaveLength(1);
    expect(records('cobrowse_log')).toHaveLength(1);
    expect(records('webchat_visitors')).toHaveLength(1);
    expect(records('campaign_recipients')).toHaveLength(1);
    expect(records('campaign_links')).toHaveLength(1);
    expect(records('media')).toHaveLength(1);
    const mediaFile = [...zip.keys()].find((k) => k.startsWith('media/'))!;
    expect(zip.get(mediaFile)!.equals(image)).toBe(true);
    const eml = [...zip.entries()].find(([k]) => k.startsWith('emails/'))![1].toString('utf8');
    expect(eml).toContain(`From: ${name} <${email}>`);
    expect(eml).toContain(`${words} by mail`);
    expect(JSON.parse(zip.get('recordings.json')!.toString('utf8'))[0].recording.sid).toBe(recordingSid);
    expect(JSON.parse(zip.get('manifest.json')!.toString('utf8'))).toMatchObject({ customerId, files: 1, emails: 1, recordings: 1 });
  });
});

describe('erasure', () => {
  let erased: { __typename: string; erasedAt: string; blockedRecords: number; twilioResources: number; counts: Record<string, number> };

  it('refuses without the confirmation, and for supervisors', async () => {
    const m = 'mutation($i: EraseCustomerInput!) { eraseCustomer(input: $i) { __typename ... on Error { message } } }';
    const wrong = await t.gql<{ eraseCustomer: { __typename: string } }>(m, { i: { customerId: customerGid, confirmCustomerId: 'yes', reason: 'request 1 of 2026-12-01' } }, admin);
    expect(wrong.data?.eraseCustomer.__typename).toBe('ErasureConfirmationError');
    const bySupervisor = await t.gql(m, { i: { customerId: customerGid, confirmCustomerId: customerGid, reason: 'request 1 of 2026-12-01' } }, supervisor);
    expect(bySupervisor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('erases: no table holds the phone, email, name or words any more, the export file is gone, Twilio is asked to delete what it keeps', async () => {
    const r = await t.gql<{ eraseCustomer: typeof erased }>(
      'mutation($i: EraseCustomerInput!) { eraseCustomer(input: $i) { __typename ... on EraseCustomerPayload { erasedAt blockedRecords twilioResources counts customer { displayName identities { value } } } } }',
      { i: { customerId: customerGid, confirmCustomerId: customerGid, reason: 'erasure request of 2026-12-01, ticket 77' } },
      admin,
    );
    expect(r.errors).toBeUndefined();
    erased = r.data!.eraseCustomer;
    expect(erased.__typename).toBe('EraseCustomerPayload');
    // Two consents, the co-browse consent, the claims record.
    expect(erased.blockedRecords).toBe(4);
    // The recording, the inbound photo, the Twilio messages (in, BAJA, the push, any replies), the call.
    expect(erased.twilioResources).toBeGreaterThanOrEqual(6);
    for (const needle of needles) expect(await findEverywhere(needle), needle).toEqual([]);
    const db = t.api.services.db;
    expect(await db.selectFrom('media_objects').select('id').where('sha256', '!=', '').where('size_bytes', '=', image.length).execute()).toEqual([]);
    expect(readdirSync(exportsDir)).toEqual([]);
    // Consents stay (append-only), their evidence sealed away; the customer is a tombstone.
    const consents = await db.selectFrom('consents').select('evidence').where('customer_id', '=', customerId).execute();
    expect(consents).toHaveLength(2);
    for (const c of consents) expect(Object.keys(c.evidence)).toEqual(['blockedRecordId']);
    const again = await t.gql<{ eraseCustomer: { __typename: string } }>('mutation($i: EraseCustomerInput!) { eraseCustomer(input: $i) { __typename } }', { i: { customerId: customerGid, confirmCustomerId: customerGid, reason: 'second time' } }, admin);
    expect(again.data?.eraseCustomer.__typename).toBe('CustomerAlreadyErasedError');

    // Twilio: one contract-checked DELETE per resource.
    await until(() => db.selectFrom('audit_events').select('action').where('subject_id', '=', customerId).where('action', 'like', 'customer.erased.twilio%').execute(), (a) => a.length === 1, 30_000);
    const deletes = t.twilio.sent.filter((s) => s.method === 'DELETE');
    const paths = deletes.map((d) => d.path);
    expect(paths).toContain(`/2010-04-01/Accounts/${testAccountSid}/Recordings/${recordingSid}.json`);
    expect(paths).toContain(`/2010-04-01/Accounts/${testAccountSid}/Calls/${callSid}.json`);
    expect(paths).toContain(`/2010-04-01/Accounts/${testAccountSid}/Messages/${whatsAppSid}.json`);
    expect(paths.some((p) => p.endsWith(`/Media/${mediaName}.json`))).toBe(true);
    expect(deletes).toHaveLength(erased.twilioResources);
    for (const d of deletes) expect(d.status, `${d.path}: ${JSON.stringify(d.body)}`).toBe(204);
    const done = await db.selectFrom('audit_events').select(['action', 'data']).where('subject_id', '=', customerId).where('action', 'like', 'customer.erased%').orderBy('created_at').execute();
    expect(done.map((d) => d.action)).toEqual(['customer.erased', 'customer.erased.twilio_done']);
    expect(done[0]!.data).toMatchObject({ reason: 'erasure request of 2026-12-01, ticket 77', blocked: 4 });
  });

  it('blocked records: supervisors cannot read them; an admin reads them only with a reason, which is audited', async () => {
    const q = 'query($c: ID!, $r: String!) { blockedRecords(customerId: $c, reason: $r) { sourceTable legalBasis content keepUntil } }';
    const refused = await t.gql(q, { c: customerGid, r: 'court order 2026/123 of Madrid' }, supervisor);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data?.blockedRecords ?? null).toBeNull();
    const agent = (await t.signIn('agent')).token;
    expect((await t.gql(q, { c: customerGid, r: 'court order 2026/123 of Madrid' }, agent)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(q, { c: customerGid, r: 'x' }, admin)).errors?.length).toBeGreaterThan(0);
    const opened = await t.gql<{ blockedRecords: { sourceTable: string; legalBasis: string; content: Record<string, unknown> }[] }>(q, { c: customerGid, r: 'court order 2026/123 of Madrid' }, admin);
    const records = opened.data!.blockedRecords;
    expect(records.map((b) => `${b.sourceTable}:${b.legalBasis}`).sort()).toEqual(['cobrowse_sessions:consent_evidence', 'consents:consent_evidence', 'consents:consent_evidence', 'customers:claims']);
    const optOut = records.find((b) => b.sourceTable === 'consents' && (b.content.evidence as { wording?: string }).wording === 'BAJA')!;
    expect((optOut.content.evidence as { from: string }).from).toBe(`whatsapp:${phone}`);
    const audit = await t.api.services.db.selectFrom('audit_events').select('data').where('action', '=', 'customer.read.blocked_records').where('subject_id', '=', customerId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ reason: 'court order 2026/123 of Madrid', records: 4 });
  });
});

describe('consents are append-only in the database', () => {
  it('refuses UPDATE and DELETE of a consent, and deleting a customer that has consents', async () => {
    const db = t.api.services.db;
    const consent = await db.selectFrom('consents').select('id').where('customer_id', '=', customerId).executeTakeFirstOrThrow();
    await expect(db.updateTable('consents').set({ granted: true }).where('id', '=', consent.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable('consents').set({ evidence: JSON.stringify({ blockedRecordId: consent.id }) }).where('id', '=', consent.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('consents').where('id', '=', consent.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate consents`.execute(db)).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('customers').where('id', '=', customerId).execute()).rejects.toThrow(/foreign key|violates/);
    expect(await db.selectFrom('consents').select('id').where('customer_id', '=', customerId).execute()).toHaveLength(2);
  });

  it('the audit log refuses UPDATE and DELETE too', async () => {
    const db = t.api.services.db;
    const entry = await db.selectFrom('audit_events').select('id').executeTakeFirstOrThrow();
    await expect(db.updateTable('audit_events').set({ action: 'x' }).where('id', '=', entry.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_events').where('id', '=', entry.id).execute()).rejects.toThrow(/append-only/);
  });
});

describe('erasure registry', () => {
  it('every table naming a customer or an interaction is claimed by a handler or declared free of personal data', async () => {
    const { rows } = await sql<{ table_name: string }>`
      select distinct table_name from information_schema.columns
      where table_schema = 'public' and column_name in ('customer_id', 'interaction_id')`.execute(t.api.services.db);
    const claimed = new Set<string>([...privacyHandlers.flatMap((h) => h.tables), ...tablesWithoutPersonalData]);
    expect(rows.map((r) => r.table_name).filter((name) => !claimed.has(name))).toEqual([]);
  });
});

describe('retention schedule', () => {
  it('the worker creates the daily purge schedule (retentionWorkflow, skipping overlaps)', async () => {
    const connection = await Connection.connect({ address: t.api.temporalAddress });
    try {
      const schedule = await new Client({ connection, namespace: 'default' }).schedule.getHandle('retention-purge').describe();
      expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'retentionWorkflow' });
      expect(schedule.policies.overlap).toBe('SKIP');
      expect(schedule.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] });
    } finally {
      await connection.close();
    }
  });
});
