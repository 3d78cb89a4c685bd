import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { createQueue } from '../support/routing-fixtures';

// The chat widget's operations are public: widget loads are limited per client address (a forged
// X-Forwarded-For does not help without TRUST_PROXY), messages per visitor; over the limit the
// answer is a typed refusal and nothing is stored.
Object.assign(process.env, { WEBCHAT_VISITS_PER_MINUTE: '3', WEBCHAT_MESSAGES_PER_MINUTE: '2' });
const t = useTestApi({ worker: true });

const ops = {
  saveSite: `mutation($input: SaveChatSiteInput!) { saveChatSite(input: $input) { __typename } }`,
  startVisit: `mutation($input: StartVisitInput!) { startVisit(input: $input) { __typename ... on VisitPayload { visitorToken } ... on TooManyRequestsError { retryAfterSeconds } ... on Error { message } } }`,
  send: `mutation($input: SendVisitorMessageInput!) { sendVisitorMessage(input: $input) { __typename ... on TooManyRequestsError { retryAfterSeconds } ... on Error { message } } }`,
};
type VisitResult = { __typename: string; visitorToken?: string; retryAfterSeconds?: number; message?: string };

async function startVisit(headers: Record<string, string> = {}): Promise<VisitResult> {
  const res = await fetch(`${t.api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://limits.test', ...headers },
    body: JSON.stringify({ query: ops.startVisit, variables: { input: { siteKey: 'limits' } } }),
  });
  return ((await res.json()) as { data: { startVisit: VisitResult } }).data.startVisit;
}
const chatMessages = async () => Number((await t.api.services.db.selectFrom('messages').where('channel', '=', 'webchat').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  const sup = (await t.signIn('supervisor')).token;
  const queueId = await createQueue(t, sup, { name: 'Chat', channels: ['WEBCHAT'] });
  expect((await t.gql<{ saveChatSite: { __typename: string } }>(ops.saveSite, { input: { key: 'limits', name: 'Limits', queueId } }, sup)).data?.saveChatSite.__typename).toBe('ChatSitePayload');
}, 60_000);

describe('web chat limits', () => {
  it('widget loads per client address: over the limit a typed refusal, a forged X-Forwarded-For changes nothing', async () => {
    const visits = [await startVisit(), await startVisit(), await startVisit()];
    expect(visits.map((v) => v.__typename)).toEqual(['VisitPayload', 'VisitPayload', 'VisitPayload']);
    const refused = await startVisit();
    expect(refused).toMatchObject({ __typename: 'TooManyRequestsError', message: expect.stringMatching(/try again in \d+ s/) });
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await startVisit({ 'x-forwarded-for': '203.0.113.7' })).__typename).toBe('TooManyRequestsError');
  });

  it('messages per visitor: the third within a minute is refused and not stored', async () => {
    // This file's client address has used its widget loads: a visitor token is signed directly.
    const site = await t.api.services.db.selectFrom('webchat_sites').select('id').where('key', '=', 'limits').executeTakeFirstOrThrow();
    const token = await t.api.services.webchat.tokens.sign({ visitorId: 'limits-visitor', siteId: site.id });
    const send = async (n: number) =>
      (await t.gql<{ sendVisitorMessage: { __typename: string; retryAfterSeconds?: number } }>(ops.send, { input: { body: `hola ${n}`, clientMessageId: `limits-${n}-abcdef` } }, token)).data!.sendVisitorMessage;
    expect((await send(1)).__typename).toBe('VisitorMessagePayload');
    expect((await send(2)).__typename).toBe('VisitorMessagePayload');
    const before = await chatMessages();
    expect(await send(3)).toMatchObject({ __typename: 'TooManyRequestsError' });
    expect(await chatMessages()).toBe(before);
  });
});
