import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordInbound } from '@cc/db/repositories/customer-channel-state';
import { subscribeSse, type SseSubscription } from '../support/graphql-sse';
import { acceptedCall, gidOf, pushOps, rawId, recordConsent, type PushEvent } from '../support/push/call';
import { createAgent, createQueue, ops, type Agent, type OfferEvent } from '../support/routing-fixtures';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi } from '../support/twilio/stack';
import { closedPort } from '../support/unreachable';
import { until } from '../support/until';

// Twilio unreachable for a while (issue 13, item 3). The SDK's HTTP client is pointed at a closed
// loopback port (ECONNREFUSED, as when api.twilio.com cannot be reached) for FAULT_TWILIO_DOWN_MS,
// while pushes and WhatsApp replies are made; then it answers again. Every push and reply ends
// visibly (sent after recovery, or failed `unreachable` with a retry offered), none is lost, and the
// stand-in receives no message twice. Pushes are retried by their workflow for
// PUSH_SEND_RETRY_SECONDS, longer than the outage; a push made while Twilio stays down gives up
// after it and reads failed / unreachable.
const downMs = Number(process.env.FAULT_TWILIO_DOWN_MS ?? 5000);
const retrySeconds = Math.ceil(downMs / 1000) + 10;
const pushes = 3;
const replies = 3;

const t = useTwilioTestApi({ env: { PUSH_LINK_DOMAINS: 'example.com', PUSH_MIN_SPACING_SECONDS: '0', PUSH_SEND_RETRY_SECONDS: String(retrySeconds) } });
let agent: Agent;
let sup: string;
const subs: SseSubscription<unknown>[] = [];

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
  const phones = await createQueue(t, sup, { name: 'Phones', channels: ['VOICE'] });
  const chats = await createQueue(t, sup, { name: 'WhatsApp', channels: ['WHATSAPP'] });
  agent = await createAgent(t, sup, { queueIds: [phones, chats], capacity: { voice: 10, whatsapp: 10 } });
}, 60_000);
afterAll(() => {
  t.twilio.divertTo = null;
  subs.forEach((s) => s.close());
});

const db = () => t.api.services.db;
/** The requests that reached the stand-in for one stored message (its status callback names it). */
const sentFor = (messageId: string) => t.twilio.to('/Messages.json').filter((r) => String(formFields(r).StatusCallback ?? '').endsWith(`messageId=${messageId}`) && r.status < 300);

const sendMutation = `mutation($input: SendWhatsAppMessageInput!) { sendWhatsAppMessage(input: $input) { __typename
  ... on SendWhatsAppMessagePayload { sent { id deliveryStatus } } ... on ProviderUnreachableError { message retryable certainlyNotSent } ... on Error { message } } }`;
type SendResult = { __typename: string; message?: string; retryable?: boolean; certainlyNotSent?: boolean; sent?: { id: string; deliveryStatus: string } };
async function reply(interactionId: string, body: string): Promise<SendResult> {
  const res = await t.gql<{ sendWhatsAppMessage: SendResult }>(sendMutation, { input: { interactionId: gidOf('Interaction', interactionId), body } }, agent.token);
  if (!res.data) throw new Error(JSON.stringify(res));
  return res.data.sendWhatsAppMessage;
}

/** A customer writes on WhatsApp and the agent takes the conversation (window open). */
async function whatsAppConversation(offers: SseSubscription<OfferEvent>, n: number): Promise<string> {
  const from = `+3461100${String(n).padStart(4, '0')}`;
  const res = await postSigned(t.url('/webhooks/twilio/whatsapp'), { MessageSid: sid('SM'), AccountSid: testAccountSid, From: `whatsapp:${from}`, To: t.config.TWILIO_WHATSAPP_FROM!, WaId: from.slice(1), Body: 'Hola', NumMedia: '0' });
  expect(res.status).toBe(200);
  const interaction = await until(
    () => db().selectFrom('interactions').innerJoin('customer_identities', 'customer_identities.customer_id', 'interactions.customer_id').select('interactions.id').where('customer_identities.value', '=', from).where('interactions.channel', '=', 'whatsapp').executeTakeFirst(),
    (i) => !!i,
  );
  const offered = await offers.next((e) => rawId(e.offers.interaction.id) === interaction!.id && e.offers.outcome === null);
  const accepted = await t.gql<{ acceptOffer: { __typename: string } }>(ops.accept, { id: offered.offers.id }, agent.token);
  expect(accepted.data?.acceptOffer.__typename).toBe('InteractionPayload');
  return interaction!.id;
}

async function pushLink(gid: string, n: number) {
  const res = await t.gql<{ push: { __typename: string; message?: string; push?: { id: string; status: string; message: { id: string } } } }>(
    pushOps.push,
    { input: { interactionId: gid, kind: 'LINK', link: { url: `https://example.com/ayuda/${n}`, title: `Ayuda ${n}` } } },
    agent.token,
  );
  const push = res.data?.push;
  if (push?.__typename !== 'PushPayload') throw new Error(JSON.stringify(res));
  return push.push!;
}
const pushRow = (id: string) => db().selectFrom('pushes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('Twilio unreachable for a while', () => {
  it(`pushes and replies made during a ${downMs} ms outage: every one ends visibly, none twice, none lost`, async () => {
    const offers = await subscribeSse<OfferEvent>(`${t.api.url}/graphql`, ops.offersSubscription, {}, agent.token);
    subs.push(offers as SseSubscription<unknown>);
    // Calls are bridged (through Twilio) before the outage.
    const calls = [];
    for (let i = 0; i < pushes; i++) {
      const call = await acceptedCall(t, agent);
      await recordConsent(t, agent.token, call.gid);
      // The caller wrote on WhatsApp lately: a free-form push.
      await recordInbound(db(), call.customerId, 'whatsapp', new Date());
      calls.push(call);
    }
    const chats = [];
    for (let i = 0; i < replies; i++) chats.push(await whatsAppConversation(offers, i));
    await until(() => t.twilio.to(/\/Calls\/CA\w+\.json$/).length, (n) => n >= pushes);

    t.twilio.divertTo = `http://127.0.0.1:${await closedPort()}`;
    const downSince = Date.now();
    const made = [];
    for (const [i, call] of calls.entries()) made.push(await pushLink(call.gid, i));
    // Nothing went out; each push waits for Twilio, its workflow retrying.
    expect(made.map((p) => p.status)).toEqual(made.map(() => 'pending'));
    const failedReplies: string[] = [];
    for (const [i, chat] of chats.entries()) {
      const refused = await reply(chat, `Respuesta ${i}`);
      // Not "Twilio refused the message (error ENOTFOUND)": its own, retryable error.
      expect(refused).toMatchObject({ __typename: 'ProviderUnreachableError', retryable: true, certainlyNotSent: true, message: 'Twilio could not be reached; nothing was sent — try again.' });
      const stored = await db().selectFrom('messages').selectAll().where('interaction_id', '=', chat).where('body', '=', `Respuesta ${i}`).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ delivery_status: 'failed', error_code: 'unreachable' });
      failedReplies.push(stored.id);
    }
    expect(t.twilio.unanswered.filter((r) => r.code !== 'ECONNREFUSED')).toEqual([]);

    // The outage lasts its window (the fault itself), then Twilio answers again.
    await new Promise((r) => setTimeout(r, Math.max(0, downMs - (Date.now() - downSince))));
    t.twilio.divertTo = null;

    // Every push is sent once Twilio is back, within its retry budget; exactly one request each.
    for (const p of made) {
      const row = await until(() => pushRow(p.id), (r) => r.status !== 'pending', (retrySeconds + 20) * 1000);
      expect(row.status, JSON.stringify(row)).not.toBe('failed');
      expect(sentFor(p.message.id)).toHaveLength(1);
    }
    // The failed replies stay failed (never sent behind the agent's back); sent again, each goes once.
    for (const [i, chat] of chats.entries()) {
      expect(sentFor(failedReplies[i]!)).toHaveLength(0);
      const again = await reply(chat, `Respuesta ${i}`);
      expect(again.__typename, JSON.stringify(again)).toBe('SendWhatsAppMessagePayload');
      expect(sentFor(again.sent!.id)).toHaveLength(1);
    }
    const allMessages = t.twilio.to('/Messages.json').filter((r) => r.status < 300).map((r) => formFields(r).StatusCallback);
    expect(new Set(allMessages).size).toBe(allMessages.length);
  }, 120_000);

  it('a push made while Twilio stays down gives up after PUSH_SEND_RETRY_SECONDS: failed / unreachable, announced on pushUpdated', async () => {
    const call = await acceptedCall(t, agent);
    await recordConsent(t, agent.token, call.gid);
    await recordInbound(db(), call.customerId, 'whatsapp', new Date());
    const live = await subscribeSse<PushEvent>(`${t.api.url}/graphql`, pushOps.pushUpdated, { id: call.gid }, agent.token);
    subs.push(live as SseSubscription<unknown>);
    t.twilio.divertTo = `http://127.0.0.1:${await closedPort()}`;
    try {
      const p = await pushLink(call.gid, 99);
      const failed = await live.next((e) => e.pushUpdated.id === p.id && e.pushUpdated.status === 'failed', (retrySeconds + 30) * 1000);
      expect(failed.pushUpdated.errorCode).toBe('unreachable');
      expect(await pushRow(p.id)).toMatchObject({ status: 'failed', error_code: 'unreachable' });
      const message = await db().selectFrom('messages').selectAll().where('id', '=', p.message.id).executeTakeFirstOrThrow();
      expect(message).toMatchObject({ delivery_status: 'failed', error_code: 'unreachable' });
      expect(sentFor(p.message.id)).toHaveLength(0);

      // Syncing templates meanwhile says what happened (not "Unexpected error."), and changes nothing.
      const sync = await t.gql<{ syncWhatsAppTemplates: { __typename: string; message: string; retryable: boolean } }>(
        'mutation { syncWhatsAppTemplates { __typename ... on ProviderUnreachableError { message retryable } ... on Error { message } } }',
        {},
        sup,
      );
      expect(sync.data?.syncWhatsAppTemplates).toEqual({ __typename: 'ProviderUnreachableError', message: 'Twilio could not be reached; nothing was sent — try again.', retryable: true });
    } finally {
      t.twilio.divertTo = null;
    }
  }, 90_000);
});
