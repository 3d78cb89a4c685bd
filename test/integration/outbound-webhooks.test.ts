import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { sql } from 'kysely';
import { emitEvent } from '@cc/api/outbound-webhooks/emit';
import { useTestApi } from '../support/api';
import { closedPort } from '../support/unreachable';
import { until } from '../support/until';
import { createAgent, createQueue, enqueue, newCustomer, ops as routingOps } from '../support/routing-fixtures';
import { startWebhookReceiver, type Answer, type ReceivedWebhook } from '../support/webhook-receiver';

// Standard Webhooks' schedule shrunk to four attempts ~0.3 s apart; a receiver has 1 s to answer.
const t = useTestApi({ worker: true, env: { WEBHOOK_RETRY_SCHEDULE_SECONDS: '0.3,0.3,0.3', WEBHOOK_TIMEOUT_SECONDS: '1', WRAP_UP_SECONDS: '1' } });

const endpointFields = 'id url enabled disabledReason eventTypes secretHint previousSecretExpiresAt';
const ops = {
  create: `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename
    ... on WebhookEndpointSecretPayload { secret endpoint { ${endpointFields} } } ... on Error { message } } }`,
  update: `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { __typename
    ... on WebhookEndpointPayload { endpoint { ${endpointFields} } } ... on Error { message } } }`,
  rotate: `mutation($input: RotateWebhookEndpointSecretInput!) { rotateWebhookEndpointSecret(input: $input) { __typename
    ... on WebhookEndpointSecretPayload { secret endpoint { ${endpointFields} } } ... on Error { message } } }`,
  replay: `mutation($id: ID!) { replayWebhookDelivery(input: { deliveryId: $id }) { __typename
    ... on ReplayWebhookDeliveryPayload { delivery { id status } } ... on Error { message } } }`,
  endpoint: `query($id: ID!) { webhookEndpoint(id: $id) { ${endpointFields} } }`,
  deliveries: `query($id: ID!) { webhookDeliveries(endpointId: $id) { id eventId eventType status attemptCount replays lastOutcome lastResponseStatus lastError
    attempts { number manual outcome responseStatus error durationMs } } }`,
};

interface Endpoint { id: string; url: string; enabled: boolean; disabledReason: string | null; eventTypes: string[]; secretHint: string; previousSecretExpiresAt: string | null }
interface Delivery {
  id: string; eventId: string; eventType: string; status: string; attemptCount: number; replays: number; lastOutcome: string | null; lastResponseStatus: number | null; lastError: string | null;
  attempts: { number: number; manual: boolean; outcome: string; responseStatus: number | null; error: string | null; durationMs: number }[];
}

let admin: string;
let supervisor: string;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
/** Per path, how the receiver answers the n-th request carrying one webhook-id. */
const script: Record<string, (r: ReceivedWebhook) => Answer> = {
  // Takes the event, then fails to acknowledge (500), then hangs, then recovers.
  '/flaky': (r) => (r.nth === 1 ? 500 : r.nth === 2 ? 'hang' : 204),
  '/gone': () => 410,
  '/ok': () => 200,
  '/campaigns': () => 200,
};

beforeAll(async () => {
  admin = (await t.signIn('admin')).token;
  supervisor = (await t.signIn('supervisor')).token;
  receiver = await startWebhookReceiver((r) => (script[r.path] ?? (() => 404))(r));
});
afterAll(async () => receiver?.stop());

async function createEndpoint(url: string, eventTypes: string[]): Promise<{ endpoint: Endpoint; secret: string }> {
  const res = await t.gql<{ createWebhookEndpoint: { __typename: string; secret: string; endpoint: Endpoint; message?: string } }>(ops.create, { input: { url, eventTypes, description: 'test' } }, admin);
  expect(res.data?.createWebhookEndpoint.__typename, JSON.stringify(res)).toBe('WebhookEndpointSecretPayload');
  return res.data!.createWebhookEndpoint;
}

async function deliveries(endpointId: string): Promise<Delivery[]> {
  const res = await t.gql<{ webhookDeliveries: Delivery[] }>(ops.deliveries, { id: endpointId }, admin);
  expect(res.errors).toBeUndefined();
  return res.data!.webhookDeliveries;
}

const finished = (d: Delivery) => ['succeeded', 'failed', 'cancelled'].includes(d.status.toLowerCase());
const requestsFor = (path: string, id?: string) => receiver.received.filter((r) => r.path === path && (!id || r.headers['webhook-id'] === id));

/** Standard Webhooks' reference verifier (not our signer): throws unless a signature matches `secret`. */
function verify(secret: string, r: ReceivedWebhook): { type: string; timestamp: string; data: Record<string, unknown> } {
  return new Webhook(secret).verify(r.body, r.headers) as { type: string; timestamp: string; data: Record<string, unknown> };
}

describe('outbound webhooks', () => {
  it('only administrators manage endpoints, and a receiver must be https (http only on loopback here)', async () => {
    const forbidden = await t.gql(ops.create, { input: { url: receiver.url('/ok'), eventTypes: ['INTERACTION_CREATED'] } }, supervisor);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const url of ['ftp://example.com/hook', 'http://example.com/hook', 'https://user:pw@example.com/hook', 'not a url']) {
      const res = await t.gql<{ createWebhookEndpoint: { __typename: string } }>(ops.create, { input: { url, eventTypes: ['INTERACTION_CREATED'] } }, admin);
      expect(res.data?.createWebhookEndpoint.__typename, url).toBe('InvalidWebhookUrlError');
    }
    const none = await t.gql<{ createWebhookEndpoint: { __typename: string } }>(ops.create, { input: { url: 'https://example.com/h', eventTypes: [] } }, admin);
    expect(none.data?.createWebhookEndpoint.__typename).toBe('ValidationError');
    expect(await t.api.services.db.selectFrom('webhook_endpoints').select('id').execute()).toEqual([]);
  });

  it('delivers routing events through a receiver that fails, times out and recovers: signed, same id on every attempt, handled once', async () => {
    const { endpoint, secret } = await createEndpoint(receiver.url('/flaky'), ['INTERACTION_CREATED', 'INTERACTION_ABANDONED']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const queueId = await createQueue(t, supervisor, { name: 'Webhooks', channels: ['VOICE'] });
    const customerId = await newCustomer(t, supervisor);
    const interactionId = await enqueue(t, supervisor, { customerId, queueId, channel: 'VOICE' });
    const left = await t.gql('mutation($id: ID!) { reportCustomerLeft(input: { interactionId: $id }) { __typename } }', { id: interactionId }, supervisor);
    expect(left.errors).toBeUndefined();

    const log = await until(() => deliveries(endpoint.id), (ds) => ds.length === 2 && ds.every(finished), 30_000);
    for (const d of log) {
      expect(d.status).toBe('SUCCEEDED');
      // 500 (an answer: refused), no answer within 1 s (timeout), then 204.
      expect(d.attempts.map((a) => [a.outcome, a.responseStatus])).toEqual([['REFUSED', 500], ['TIMEOUT', null], ['SUCCEEDED', 204]]);
      expect(d.attempts[1]!.durationMs).toBeGreaterThanOrEqual(900);
      const requests = requestsFor('/flaky', d.eventId);
      expect(requests).toHaveLength(3);
      for (const r of requests) {
        const body = verify(secret, r);
        expect(r.headers['webhook-id']).toBe(d.eventId);
        expect(body.data).toMatchObject({ interactionId, customerId, queueId, channel: 'voice' });
      }
      // Handled once, whatever the retries.
      expect(receiver.processed.get(d.eventId)?.nth).toBe(1);
    }
    const types = log.map((d) => d.eventType).sort();
    expect(types).toEqual(['INTERACTION_ABANDONED', 'INTERACTION_CREATED']);
    const abandoned = verify(secret, requestsFor('/flaky', log.find((d) => d.eventType === 'INTERACTION_ABANDONED')!.eventId)[0]!);
    expect(abandoned.type).toBe('interaction.abandoned');
    // What caused it: the customer leaving (reported by the supervisor), named by the API's global id.
    expect(abandoned.data.cause).toMatchObject({ source: 'interaction_event', sourceType: 'abandoned', actor: { type: 'customer', id: customerId } });
    // A tampered body fails the reference verifier.
    const first = requestsFor('/flaky')[0]!;
    expect(() => verify(secret, { ...first, body: first.body.replace('interaction', 'Interaction') })).toThrow();
  });

  it('an interaction’s whole routing life reaches the integrator, each event with its moment and ids the API takes', async () => {
    const { endpoint, secret } = await createEndpoint(receiver.url('/ok'), ['INTERACTION_CREATED', 'INTERACTION_OFFERED', 'INTERACTION_ASSIGNED', 'INTERACTION_CLOSED']);
    const queueId = await createQueue(t, supervisor, { name: 'Lifecycle', channels: ['WHATSAPP'] });
    const agent = await createAgent(t, supervisor, { queueIds: [queueId], capacity: { whatsapp: 1 } });
    const interactionId = await enqueue(t, supervisor, { customerId: await newCustomer(t, supervisor), queueId, channel: 'WHATSAPP' });
    const bodyOf = (d: Delivery) => verify(secret, requestsFor('/ok', d.eventId)[0]!);
    const [offered] = await until(() => deliveries(endpoint.id), (ds) => ds.some((d) => d.eventType === 'INTERACTION_OFFERED' && d.status === 'SUCCEEDED'), 30_000).then((ds) => ds.filter((d) => d.eventType === 'INTERACTION_OFFERED'));
    const offer = bodyOf(offered!).data as { offerId: string; agentId: string; interactionId: string };
    expect(offer).toMatchObject({ interactionId, agentId: agent.gid });
    // The offer's id in the event is the one acceptOffer takes.
    const accepted = await t.gql<{ acceptOffer: { __typename: string } }>(routingOps.accept, { id: offer.offerId }, agent.token);
    expect(accepted.data?.acceptOffer.__typename).toBe('InteractionPayload');
    const wrap = await t.gql<{ wrapUpInteraction: { __typename: string } }>('mutation($id: ID!) { wrapUpInteraction(input: { interactionId: $id }) { __typename } }', { id: interactionId }, agent.token);
    expect(wrap.data?.wrapUpInteraction.__typename).toBe('InteractionPayload');
    const log = await until(() => deliveries(endpoint.id), (ds) => ds.length === 4 && ds.every((d) => d.status === 'SUCCEEDED'), 30_000);
    // Enqueued in the order they happened (the log is newest first); timestamps never go back.
    const bodies = [...log].reverse().map(bodyOf);
    expect(bodies.map((b) => b.timestamp)).toEqual(bodies.map((b) => b.timestamp).sort());
    expect(bodies.map((b) => b.type)).toEqual(['interaction.created', 'interaction.offered', 'interaction.assigned', 'interaction.closed']);
    expect(bodies.every((b) => b.data.interactionId === interactionId)).toBe(true);
    expect(bodies[2]!.data.cause).toMatchObject({ actor: { type: 'user', id: agent.gid } });
    expect(new Set(log.map((d) => d.eventId)).size).toBe(4);
  });

  it('an event emitted in a transaction that rolls back is never sent; an unreachable receiver is told apart from a refusing one, and a replay delivers the same id', async () => {
    const port = await closedPort();
    const { endpoint, secret } = await createEndpoint(`http://127.0.0.1:${port}/nobody`, ['CUSTOMER_ERASED']);
    const db = t.api.services.db;
    await expect(
      db.transaction().execute(async (trx) => {
        await emitEvent(trx, 'customer.erased', { customerId: 'rolled-back' }, { actor: { type: 'system', id: null } });
        throw new Error('the erasure failed');
      }),
    ).rejects.toThrow('the erasure failed');
    const erasedId = randomUUID();
    const eventId = await db.transaction().execute((trx) => emitEvent(trx, 'customer.erased', { customerId: erasedId }, { actor: { type: 'user', id: null }, source: 'data_erasure', sourceId: 'e-1' }));
    expect(eventId).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(await db.selectFrom('webhook_events').select('id').where('type', '=', 'customer.erased').execute()).toEqual([{ id: eventId }]);

    const [failed] = await until(() => deliveries(endpoint.id), (ds) => ds.length === 1 && finished(ds[0]!), 30_000);
    expect(failed!.status).toBe('FAILED');
    expect(failed!.attempts.map((a) => a.outcome)).toEqual(['UNREACHABLE', 'UNREACHABLE', 'UNREACHABLE', 'UNREACHABLE']);
    expect(failed!.lastError).toMatch(/ECONNREFUSED/);

    // The receiver is up at a new address: the admin points the endpoint there and replays.
    const moved = await t.gql(ops.update, { input: { id: endpoint.id, url: receiver.url('/ok') } }, admin);
    expect(moved.errors).toBeUndefined();
    const replay = await t.gql<{ replayWebhookDelivery: { __typename: string; delivery: { status: string } } }>(ops.replay, { id: failed!.id }, admin);
    expect(replay.data?.replayWebhookDelivery).toMatchObject({ __typename: 'ReplayWebhookDeliveryPayload', delivery: { status: 'PENDING' } });
    const [done] = await until(() => deliveries(endpoint.id), (ds) => ds[0]!.status === 'SUCCEEDED', 30_000);
    expect(done!.replays).toBe(1);
    expect(done!.attempts.at(-1)).toMatchObject({ number: 5, manual: true, outcome: 'SUCCEEDED', responseStatus: 200 });
    const [request] = requestsFor('/ok', eventId!);
    expect(verify(secret, request!)).toMatchObject({ type: 'customer.erased', data: { customerId: Buffer.from(`Customer:${erasedId}`).toString('base64'), cause: { source: 'data_erasure', sourceId: 'e-1' } } });

    // Replayed again: the same id reaches the receiver, which acknowledges without handling it twice.
    const again = await t.gql<{ replayWebhookDelivery: { __typename: string } }>(ops.replay, { id: failed!.id }, admin);
    expect(again.data?.replayWebhookDelivery.__typename).toBe('ReplayWebhookDeliveryPayload');
    await until(() => requestsFor('/ok', eventId!).length, (n) => n === 2, 30_000);
    expect(receiver.processed.get(eventId!)).toBe(request);
  });

  it('410 Gone disables the endpoint: nothing more is sent until an administrator enables it', async () => {
    const { endpoint } = await createEndpoint(receiver.url('/gone'), ['CONSENT_RECORDED']);
    const db = t.api.services.db;
    const first = await emitEvent(db, 'consent.recorded', { consentId: 'c1' }, { actor: { type: 'system', id: null } });
    const [gone] = await until(() => deliveries(endpoint.id), (ds) => ds.length === 1 && finished(ds[0]!), 30_000);
    expect(gone).toMatchObject({ eventId: first, status: 'FAILED', attemptCount: 1, lastOutcome: 'GONE', lastResponseStatus: 410 });
    const disabled = (await t.gql<{ webhookEndpoint: Endpoint }>(ops.endpoint, { id: endpoint.id }, admin)).data!.webhookEndpoint;
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabledReason).toMatch(/410/);
    // No enabled endpoint wants it: nothing is enqueued at all.
    expect(await emitEvent(db, 'consent.recorded', { consentId: 'c2' }, { actor: { type: 'system', id: null } })).toBeNull();
    const replay = await t.gql<{ replayWebhookDelivery: { __typename: string } }>(ops.replay, { id: gone!.id }, admin);
    expect(replay.data?.replayWebhookDelivery.__typename).toBe('WebhookEndpointDisabledError');

    script['/gone'] = () => 200;
    const enabled = await t.gql<{ updateWebhookEndpoint: { endpoint: Endpoint } }>(ops.update, { input: { id: endpoint.id, enabled: true } }, admin);
    expect(enabled.data?.updateWebhookEndpoint.endpoint).toMatchObject({ enabled: true, disabledReason: null });
    const third = await emitEvent(db, 'consent.recorded', { consentId: 'c3' }, { actor: { type: 'system', id: null } });
    await until(() => deliveries(endpoint.id), (ds) => ds.length === 2 && ds[0]!.status === 'SUCCEEDED', 30_000);
    expect(requestsFor('/gone').map((r) => r.headers['webhook-id'])).toEqual([first, third]);
  });

  it('a rotated secret signs beside the new one during its grace, then stops', async () => {
    const { endpoint, secret: oldSecret } = await createEndpoint(receiver.url('/ok'), ['CAMPAIGN_PROGRESS']);
    const rotated = await t.gql<{ rotateWebhookEndpointSecret: { secret: string; endpoint: Endpoint } }>(ops.rotate, { input: { id: endpoint.id, graceHours: 1 } }, admin);
    const newSecret = rotated.data!.rotateWebhookEndpointSecret.secret;
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.data!.rotateWebhookEndpointSecret.endpoint.previousSecretExpiresAt).not.toBeNull();
    const db = t.api.services.db;
    const during = await emitEvent(db, 'campaign.progress', { campaignId: 'k1', sent: 10 }, { actor: { type: 'system', id: null } });
    const [r1] = await until(() => requestsFor('/ok', during!), (rs) => rs.length === 1, 30_000);
    expect(r1!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verify(newSecret, r1!).data).toMatchObject({ campaignId: 'k1', sent: 10 });
    expect(verify(oldSecret, r1!).type).toBe('campaign.progress');

    const cut = await t.gql<{ rotateWebhookEndpointSecret: { secret: string } }>(ops.rotate, { input: { id: endpoint.id, graceHours: 0 } }, admin);
    const latest = cut.data!.rotateWebhookEndpointSecret.secret;
    const after = await emitEvent(db, 'campaign.progress', { campaignId: 'k1', sent: 20 }, { actor: { type: 'system', id: null } });
    const [r2] = await until(() => requestsFor('/ok', after!), (rs) => rs.length === 1, 30_000);
    expect(r2!.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(verify(latest, r2!).data).toMatchObject({ sent: 20 });
    expect(() => verify(newSecret, r2!)).toThrow();
    expect(() => verify(oldSecret, r2!)).toThrow();
  });

  it('a campaign changing state announces its progress, recipients counted by state', async () => {
    const { endpoint, secret } = await createEndpoint(receiver.url('/campaigns'), ['CAMPAIGN_PROGRESS']);
    const db = t.api.services.db;
    const [a, b] = await Promise.all([newCustomer(t, supervisor), newCustomer(t, supervisor)]).then((ids) => ids.map((id) => Buffer.from(id, 'base64').toString('utf8').split(':')[1]!));
    const { rows } = await sql<{ id: string }>`insert into campaigns (name, segment_filter, template_sid, variable_mapping, status, rate_per_second, frequency_cap_count, frequency_cap_days,
        quiet_hours, default_time_zone, failure_threshold, block_threshold, threshold_min_sample)
      values ('Rebajas', '{}', 'HX1', '{}', 'scheduled', 1, 1, 1, '{}', 'Europe/Madrid', 0.5, 0.5, 10) returning id`.execute(db);
    const campaignId = rows[0]!.id;
    await sql`insert into campaign_recipients (campaign_id, customer_id, to_number, state) values (${campaignId}, ${a}, '+34600000001', 'sent'), (${campaignId}, ${b}, '+34600000002', 'pending')`.execute(db);
    await sql`update campaigns set status = 'running' where id = ${campaignId}`.execute(db);
    await sql`update campaigns set name = 'Rebajas de invierno' where id = ${campaignId}`.execute(db);
    const [d] = await until(() => deliveries(endpoint.id), (ds) => ds.length === 1 && ds[0]!.status === 'SUCCEEDED', 30_000);
    expect(verify(secret, requestsFor('/campaigns', d!.eventId)[0]!)).toMatchObject({
      type: 'campaign.progress',
      data: { campaignId, status: 'running', previousStatus: 'scheduled', recipients: { sent: 1, pending: 1 }, cause: { source: 'campaign' } },
    });
  });

  it('message and consent rows announce themselves (database triggers), with ids and states but no personal content', async () => {
    const { endpoint } = await createEndpoint(receiver.url('/ok'), ['MESSAGE_RECEIVED', 'MESSAGE_STATUS', 'CONSENT_WITHDRAWN']);
    const db = t.api.services.db;
    const customerId = await newCustomer(t, supervisor);
    const rawCustomerId = Buffer.from(customerId, 'base64').toString('utf8').split(':')[1]!;
    const message = await db
      .insertInto('messages')
      .values({ interaction_id: null, customer_id: rawCustomerId, direction: 'inbound', channel: 'whatsapp', agent_id: null, body: 'my secret address', media: null, location: null, provider: 'twilio', provider_message_id: 'SM-webhook-test', delivery_status: 'received', error_code: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('messages').set({ delivery_status: 'read' }).where('id', '=', message.id).execute();
    await sql`insert into consents (customer_id, channel, purpose, granted, source, evidence) values (${rawCustomerId}, 'whatsapp', 'marketing', false, 'whatsapp_keyword', '{}')`.execute(db);
    const log = await until(() => deliveries(endpoint.id), (ds) => ds.length === 3 && ds.every((d) => d.status === 'SUCCEEDED'), 30_000);
    expect(log.map((d) => d.eventType).sort()).toEqual(['CONSENT_WITHDRAWN', 'MESSAGE_RECEIVED', 'MESSAGE_STATUS']);
    const bodies = log.map((d) => requestsFor('/ok', d.eventId)[0]!.body);
    expect(bodies.join('\n')).not.toContain('secret address');
    expect(bodies.map((b) => JSON.parse(b) as { type: string; data: Record<string, unknown> }).find((b) => b.type === 'message.status')?.data).toMatchObject({ messageId: message.id, status: 'read', direction: 'inbound', customerId });
  });
});
