import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { recordConsent } from '@cc/db/repositories/consents';
import { runRetentionNow } from '@cc/api/privacy/retention';
import { useTestApi } from '../support/api';
import { createQueue } from '../support/routing-fixtures';

// Retention purges only what is due (an injected clock decides "now"), dry runs count exactly that,
// and the audit log records reads, failed sign-ins and changes, searchable and exportable by admins.
const t = useTestApi();
const day = 86_400_000;
const today = new Date();
const ago = (days: number) => new Date(today.getTime() - days * day);

let admin: string;
let supervisor: string;
const ids = {} as Record<'customer' | 'oldChat' | 'oldCall' | 'recent' | 'open' | 'oldMedia' | 'newMedia' | 'oldAudit' | 'newAudit' | 'recentMessage' | 'openMessage' | 'session', string>;
const webhookEvents = { settled: 'msg_old_settled', retrying: 'msg_old_retrying', recent: 'msg_recent' };

beforeAll(async () => {
  const db = t.api.services.db;
  admin = (await t.signIn('admin')).token;
  supervisor = (await t.signIn('supervisor')).token;
  const queueId = decodeGlobalID(await createQueue(t, supervisor, { name: 'All', channels: ['VOICE', 'WHATSAPP'] })).id;
  ids.customer = (await db.insertInto('customers').values({ display_name: 'Retained Person' }).returning('id').executeTakeFirstOrThrow()).id;
  const interaction = async (status: 'closed' | 'queued', days: number, channel: 'voice' | 'whatsapp', context: Record<string, unknown> = {}) =>
    (await db.insertInto('interactions').values({ channel, customer_id: ids.customer, queue_id: queueId, priority: 0, status, context: JSON.stringify(context), enqueued_at: ago(days), created_at: ago(days), closed_at: status === 'closed' ? ago(days) : null }).returning('id').executeTakeFirstOrThrow()).id;
  ids.oldChat = await interaction('closed', 100, 'whatsapp');
  ids.oldCall = await interaction('closed', 100, 'voice', { callSid: 'CA1', recording: { sid: `RE${'1'.repeat(32)}`, url: 'https://api.twilio.com/rec' } });
  ids.recent = await interaction('closed', 5, 'whatsapp');
  ids.open = await interaction('queued', 100, 'whatsapp');
  const message = async (interactionId: string, days: number, body: string) =>
    (await db.insertInto('messages').values({ interaction_id: interactionId, customer_id: ids.customer, direction: 'inbound', channel: 'whatsapp', body, created_at: ago(days) }).returning('id').executeTakeFirstOrThrow()).id;
  await message(ids.oldChat, 100, 'old words');
  ids.recentMessage = await message(ids.recent, 5, 'recent words');
  ids.openMessage = await message(ids.open, 100, 'still waiting');
  const media = async (interactionId: string, days: number) =>
    (await db.insertInto('media_objects').values({ content_type: 'image/png', size_bytes: 3, sha256: 'x', data: Buffer.from('png'), interaction_id: interactionId, created_at: ago(days) }).returning('id').executeTakeFirstOrThrow()).id;
  ids.oldMedia = await media(ids.oldChat, 100);
  ids.newMedia = await media(ids.recent, 5);
  const site = await db.insertInto('webchat_sites').values({ key: 'ret', name: 'Ret', queue_id: queueId }).returning('id').executeTakeFirstOrThrow();
  ids.session = (await db.insertInto('cobrowse_sessions').values({ site_id: site.id, interaction_id: ids.recent, status: 'ended', via: 'code' }).returning('id').executeTakeFirstOrThrow()).id;
  await db.insertInto('cobrowse_recordings').values([
    { session_id: ids.session, seq: 1, url: null, packed: [Buffer.from('a')], bytes: 1, created_at: ago(40), keep_until: ago(-300) },
    { session_id: ids.session, seq: 2, url: null, packed: [Buffer.from('b')], bytes: 1, created_at: ago(1), keep_until: ago(-300) },
  ]).execute();
  // A consent names the old call: the call is kept whatever its age (evidence is never cascaded away).
  await recordConsent(db, { customerId: ids.customer, channel: 'voice', purpose: 'service', granted: true, source: 'agent_verbal', evidence: { wording: 'yes' }, recordedByUserId: null, messageId: null, interactionId: ids.oldCall }, ago(100));
  ids.oldAudit = (await db.insertInto('audit_events').values({ actor_type: 'system', actor_id: null, action: 'test.old', data: '{}', created_at: ago(400) }).returning('id').executeTakeFirstOrThrow()).id;
  await db.insertInto('blocked_records').values([
    { customer_id: ids.customer, source_table: 'consents', source_id: 'lapsed', legal_basis: 'consent_evidence', payload: Buffer.from('sealed'), keep_until: ago(1) },
    { customer_id: ids.customer, source_table: 'consents', source_id: 'kept', legal_basis: 'consent_evidence', payload: Buffer.from('sealed'), keep_until: ago(-30) },
  ]).execute();
  // Outbound webhook log: an old event whose delivery settled is due; one still retrying is not, nor a recent one.
  const endpoint = await db.insertInto('webhook_endpoints').values({ url: 'https://receiver.example/hook', event_types: ['interaction.closed'], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }).returning('id').executeTakeFirstOrThrow();
  for (const [id, days, status] of [[webhookEvents.settled, 100, 'succeeded'], [webhookEvents.retrying, 100, 'retrying'], [webhookEvents.recent, 5, 'succeeded']] as const) {
    await db.insertInto('webhook_events').values({ id, type: 'interaction.closed', data: '{}', cause: '{}', occurred_at: ago(days), created_at: ago(days) }).execute();
    await db.insertInto('webhook_deliveries').values({ event_id: id, endpoint_id: endpoint.id, status, created_at: ago(days) }).execute();
  }
  ids.newAudit = (await db.insertInto('audit_events').values({ actor_type: 'system', actor_id: null, action: 'test.new', data: '{}', created_at: ago(10) }).returning('id').executeTakeFirstOrThrow()).id;
});

const setPeriod = (dataClass: string, days: number | null, token = admin) =>
  t.gql<{ setRetentionPeriod: { __typename: string } }>('mutation($i: SetRetentionInput!) { setRetentionPeriod(input: $i) { __typename ... on Error { message } } }', { i: { dataClass, days } }, token);

describe('retention', () => {
  it('admins set periods (audit at least 365 days); supervisors may not', async () => {
    expect((await setPeriod('AUDIT', 30)).data?.setRetentionPeriod.__typename).toBe('AuditRetentionTooShortError');
    expect((await setPeriod('MEDIA', 30, supervisor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const [c, d] of [['MEDIA', 30], ['TRANSCRIPTS', 30], ['COBROWSE_LOGS', 30], ['RECORDINGS', 30], ['CLOSED_INTERACTIONS', 60], ['AUDIT', 365], ['WEBHOOK_LOGS', 30]] as const) {
      expect((await setPeriod(c, d)).data?.setRetentionPeriod.__typename).toBe('SetRetentionPayload');
    }
    const settings = await t.gql<{ retentionSettings: { dataClass: string; days: number | null }[] }>('{ retentionSettings { dataClass days } }', {}, admin);
    expect(settings.data!.retentionSettings).toContainEqual({ dataClass: 'BLOCKED', days: null });
    expect(settings.data!.retentionSettings).toContainEqual({ dataClass: 'CLOSED_INTERACTIONS', days: 60 });
    const audited = await t.api.services.db.selectFrom('audit_events').select('subject_id').where('action', '=', 'retention.period_set').execute();
    expect(audited).toHaveLength(7);
  });

  it('a dry run counts what is due in each class and removes nothing', async () => {
    const r = await t.gql<{ runRetention: { run: { dryRun: boolean; counts: Record<string, number>; finishedAt: string } } }>('mutation { runRetention(dryRun: true) { run { dryRun counts finishedAt } } }', {}, admin);
    expect(r.data!.runRetention.run).toMatchObject({ dryRun: true, counts: { media: 1, transcripts: 1, cobrowse_logs: 1, recordings: 1, closed_interactions: 1, audit: 1, blocked: 1, webhook_logs: 1 } });
    const db = t.api.services.db;
    expect(await db.selectFrom('media_objects').select('id').where('id', '=', ids.oldMedia).execute()).toHaveLength(1);
    expect(await db.selectFrom('interactions').select('id').where('id', '=', ids.oldChat).execute()).toHaveLength(1);
  });

  it('a purge removes only what is due as of the clock, and more once the clock moves on', async () => {
    const db = t.api.services.db;
    const run = await runRetentionNow({ ...t.api.services.privacy, clock: () => today }, false);
    expect(run.finished_at).not.toBeNull();
    expect(await db.selectFrom('interactions').select('id').where('id', '=', ids.oldChat).execute()).toEqual([]);
    expect(await db.selectFrom('media_objects').select('id').where('id', '=', ids.oldMedia).execute()).toEqual([]);
    expect(await db.selectFrom('media_objects').select('id').where('id', '=', ids.newMedia).execute()).toHaveLength(1);
    const kept = await db.selectFrom('messages').select(['id', 'body']).where('id', 'in', [ids.recentMessage, ids.openMessage]).orderBy('body').execute();
    expect(kept.map((m) => m.body)).toEqual(['recent words', 'still waiting']);
    const call = await db.selectFrom('interactions').select('context').where('id', '=', ids.oldCall).executeTakeFirstOrThrow();
    expect(call.context).toEqual({ callSid: 'CA1' });
    expect(await db.selectFrom('consents').select('id').where('interaction_id', '=', ids.oldCall).execute()).toHaveLength(1);
    expect((await db.selectFrom('cobrowse_recordings').select('seq').where('session_id', '=', ids.session).execute()).map((r) => r.seq)).toEqual([2]);
    expect((await db.selectFrom('audit_events').select('id').where('id', 'in', [ids.oldAudit, ids.newAudit]).execute()).map((r) => r.id)).toEqual([ids.newAudit]);
    const webhookLog = await db.selectFrom('webhook_events').select('id').orderBy('id').execute();
    expect(webhookLog.map((e) => e.id)).toEqual([webhookEvents.retrying, webhookEvents.recent]);
    expect(await db.selectFrom('webhook_deliveries').select('event_id').where('event_id', '=', webhookEvents.settled).execute()).toEqual([]);
    // Blocked records go when their own keeping period ends, whether or not a `blocked` period is set.
    expect((await db.selectFrom('blocked_records').select('source_id').execute()).map((r) => r.source_id)).toEqual(['kept']);

    // 40 days later the recent chat's file and words are due; the chat itself (60 days) is not.
    const later = await runRetentionNow({ ...t.api.services.privacy, clock: () => new Date(today.getTime() + 40 * day) }, false);
    expect(later.counts).toMatchObject({ media: 1, transcripts: 1, closed_interactions: 0 });
    expect(await db.selectFrom('media_objects').select('id').where('id', '=', ids.newMedia).execute()).toEqual([]);
    expect((await db.selectFrom('messages').select('body').where('id', '=', ids.recentMessage).executeTakeFirstOrThrow()).body).toBeNull();
    expect(await db.selectFrom('interactions').select('id').where('id', '=', ids.recent).execute()).toHaveLength(1);
    // Never what has not ended.
    expect((await db.selectFrom('messages').select('body').where('id', '=', ids.openMessage).executeTakeFirstOrThrow()).body).toBe('still waiting');
  });
});

describe('audit', () => {
  it('records failed sign-ins, timeline reads and supervisors’ changes; admins search them and export CSV', async () => {
    const login = await t.gql<{ login: { __typename: string } }>('mutation($i: LoginInput!) { login(input: $i) { __typename } }', { i: { email: 'nobody@test.local', password: 'wrong password' } });
    expect(login.data?.login.__typename).toBe('InvalidCredentialsError');
    const timeline = await t.gql('query($id: ID!) { customer(id: $id) { timeline { __typename } } }', { id: encodeGlobalID('Customer', ids.customer) }, supervisor);
    expect(timeline.errors).toBeUndefined();

    const search = 'query($f: AuditFilter, $first: Int, $before: String) { auditEvents(filter: $f, first: $first, before: $before) { nextCursor events { action actorType subjectId data } } }';
    type Page = { auditEvents: { nextCursor: string | null; events: { action: string; actorType: string; subjectId: string | null; data: Record<string, unknown> }[] } };
    const failed = await t.gql<Page>(search, { f: { actions: ['user.login_failed'] } }, admin);
    expect(failed.data!.auditEvents.events).toEqual([{ action: 'user.login_failed', actorType: 'system', subjectId: null, data: expect.objectContaining({ email: 'nobody@test.local', reason: 'unknown_account' }) }]);
    const reads = await t.gql<Page>(search, { f: { actions: ['customer.read.'], subjectId: ids.customer } }, admin);
    expect(reads.data!.auditEvents.events.map((e) => e.action)).toEqual(['customer.read.timeline']);
    const changes = await t.gql<Page>(search, { f: { actions: ['queue.created', 'retention.'] } }, admin);
    expect(changes.data!.auditEvents.events.map((e) => e.action)).toContain('queue.created');
    // Pages follow one another without overlap.
    const first = await t.gql<Page>(search, { first: 2 }, admin);
    const second = await t.gql<Page>(search, { first: 2, before: first.data!.auditEvents.nextCursor }, admin);
    expect(second.data!.auditEvents.events).toHaveLength(2);
    expect(second.data!.auditEvents.events).not.toContainEqual(first.data!.auditEvents.events[0]);

    expect((await t.gql(search, {}, supervisor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const csv = await t.gql<{ auditEventsCsv: string }>('query($f: AuditFilter) { auditEventsCsv(filter: $f) }', { f: { actions: ['user.login_failed'] } }, admin);
    const rows = parse(csv.data!.auditEventsCsv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'user.login_failed', actor_type: 'system' });
    expect(JSON.parse(rows[0]!.data!)).toMatchObject({ email: 'nobody@test.local' });
  });
});
