import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { useTestApi } from '../support/api';
import { subscribeSse, type SseSubscription } from '../support/graphql-sse';
import { createAgent, createQueue, ops, type Agent, type OfferEvent } from '../support/routing-fixtures';
import { until } from '../support/until';

// The SMTP relay is down (issue 13, item 3): a loopback smtp-server sink is stopped while the agent
// replies. Chosen behaviour: a reply is never retried behind the agent's back (it could reach the
// customer twice); it ends `failed` / `unreachable` at once with a retryable EmailNotSentError, and
// sent again once the relay is back it goes exactly once. The API keeps serving throughout.
const sink: ParsedMail[] = [];
function startSink(port = 0): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      simpleParser(stream).then((m) => {
        sink.push(m);
        cb();
      }, cb);
    },
  });
  return new Promise((ok, fail) => {
    server.server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}
const stopSink = (server: SMTPServer) => new Promise<void>((ok) => server.close(() => ok()));

let relay = await startSink();
const relayPort = (relay.server.address() as AddressInfo).port;
Object.assign(process.env, { EMAIL_INBOXES: 'support@cc.test=Email', SMTP_LISTEN_PORT: '0', SMTP_RELAY_URL: `smtp://127.0.0.1:${relayPort}`, EMAIL_AUTO_ACK: '' });

const t = useTestApi({ worker: true });
let agent: Agent;
let offers: SseSubscription<OfferEvent>;

beforeAll(async () => {
  const sup = (await t.signIn('supervisor')).token;
  const queueId = await createQueue(t, sup, { name: 'Email', channels: ['EMAIL'] });
  agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { email: 10 } });
  offers = await subscribeSse<OfferEvent>(`${t.api.url}/graphql`, ops.offersSubscription, {}, agent.token);
});
afterAll(async () => {
  offers?.close();
  await stopSink(relay);
});

const replyMutation = `mutation($input: ReplyByEmailInput!) { replyByEmail(input: $input) { __typename
  ... on EmailReplyPayload { sent: message { id deliveryStatus } }
  ... on EmailNotSentError { message retryable failedMessage { id deliveryStatus errorCode } } ... on Error { message } } }`;
type ReplyResult = { __typename: string; message?: string; sent?: { id: string; deliveryStatus: string }; retryable?: boolean; failedMessage?: { id: string; deliveryStatus: string; errorCode: string } };

const taken = new Set<string>();
async function conversation(subject: string, from: string): Promise<string> {
  const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: t.api.services.email!.smtpPort!, secure: false, ignoreTLS: true });
  await mailer.sendMail({ from, to: 'support@cc.test', subject, text: `${subject}?` });
  const offered = await offers.next((e) => e.offers.interaction.channel === 'EMAIL' && e.offers.outcome === null && !taken.has(e.offers.interaction.id));
  taken.add(offered.offers.interaction.id);
  const accepted = await t.gql<{ acceptOffer: { __typename: string } }>(ops.accept, { id: offered.offers.id }, agent.token);
  expect(accepted.data?.acceptOffer.__typename).toBe('InteractionPayload');
  return offered.offers.interaction.id;
}
async function reply(interactionId: string, body: string): Promise<ReplyResult> {
  const res = await t.gql<{ replyByEmail: ReplyResult }>(replyMutation, { input: { interactionId, body } }, agent.token);
  if (!res.data) throw new Error(JSON.stringify(res));
  return res.data.replyByEmail;
}

describe('SMTP relay down', () => {
  it('replies while the relay is stopped end failed / unreachable, retryable; once it is back, sent again, each goes once', async () => {
    const chats = [await conversation('Factura', 'ana@customer.test'), await conversation('Envío', 'luis@customer.test')];
    await stopSink(relay);

    const failed = [];
    for (const [i, chat] of chats.entries()) {
      const res = await reply(chat, `Respuesta ${i}`);
      expect(res).toMatchObject({
        __typename: 'EmailNotSentError',
        retryable: true,
        message: expect.stringContaining('The mail server could not be reached; nothing was sent'),
        failedMessage: { deliveryStatus: 'failed', errorCode: 'unreachable' },
      });
      failed.push(res.failedMessage!.id);
    }
    // The API is still up and answering.
    expect((await t.gql<{ viewer: unknown }>('{ viewer { id } }', {}, agent.token)).data).toBeTruthy();

    relay = await startSink(relayPort);
    for (const [i, chat] of chats.entries()) {
      const res = await reply(chat, `Respuesta ${i}`);
      expect(res.__typename, JSON.stringify(res)).toBe('EmailReplyPayload');
    }
    await until(() => sink.filter((m) => m.text?.startsWith('Respuesta')).length, (n) => n >= chats.length);
    for (const [i] of chats.entries()) expect(sink.filter((m) => m.text?.trim() === `Respuesta ${i}`)).toHaveLength(1);
    // The failed ones stay failed: nothing resent them.
    const rows = await t.api.services.db.selectFrom('messages').select(['delivery_status', 'error_code']).where('id', 'in', failed).execute();
    expect(rows).toEqual(failed.map(() => ({ delivery_status: 'failed', error_code: 'unreachable' })));
  }, 60_000);
});
