import { once } from 'node:events';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { createUser } from '@cc/db/repositories/users';
import { useTestApi } from '../../../test/support/api';
import { hashPassword } from '../src/auth/password';

// Small budgets so a few requests reach them; the tests share one client address (loopback), so
// the per-address one is used up last.
const t = useTestApi({ env: { LOGIN_FAILURES_PER_ACCOUNT: '3', LOGIN_FAILURES_PER_ADDRESS: '8' } });

const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) { __typename ... on Error { message } ... on TooManyRequestsError { retryAfterSeconds } }
}`;
type LoginResult = { login: { __typename: string; message?: string; retryAfterSeconds?: number } };
const password = 'correct horse battery';
let n = 0;
async function newUser(): Promise<string> {
  const email = `limits${++n}@test.local`;
  await createUser(t.api.services.db, { email, name: 'L', role: 'agent', passwordHash: await hashPassword(password) });
  return email;
}
const login = async (email: string, pw: string) => (await t.gql<LoginResult>(LOGIN, { input: { email, password: pw } })).data?.login;

async function post(body: BodyInit, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`${t.api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  return { status: res.status, text: await res.text() };
}
/** A valid operation padded with an unused variable to `bytes`. */
const paddedQuery = (bytes: number) => JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes) } });

async function openSocket(): Promise<{ ws: WebSocket; next(): Promise<{ type: string; id?: string; payload?: unknown }> }> {
  const ws = new WebSocket(`${t.api.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const queue: string[] = [];
  const waiting: ((m: string) => void)[] = [];
  ws.on('message', (m) => (waiting.length ? waiting.shift()!(String(m)) : queue.push(String(m))));
  await once(ws, 'open');
  const next = () => new Promise<string>((ok) => (queue.length ? ok(queue.shift()!) : waiting.push(ok))).then((m) => JSON.parse(m) as { type: string });
  ws.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  expect((await next()).type).toBe('connection_ack');
  return { ws, next };
}

describe('sign-in limits', () => {
  it('refuses 25 aliased logins in one request before any password is checked', async () => {
    const email = await newUser();
    const aliased = Array.from({ length: 25 }, (_, i) => `l${i}: login(input: { email: "${email}", password: "guess${i}" }) { __typename }`);
    const res = await t.gql(`mutation { ${aliased.join(' ')} }`);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.map((e) => e.message)).toContain('Sign in once per request: `login` may appear only once in a document.');
    // None of the 25 guesses was counted: the account (budget 3) still signs in.
    expect((await login(email, password))?.__typename).toBe('LoginPayload');
  });

  it('throttles an account after repeated wrong passwords, then refuses even the right one', async () => {
    const email = await newUser();
    for (let i = 0; i < 3; i++) expect((await login(email, `wrong${i}`))?.__typename).toBe('InvalidCredentialsError');
    const throttled = await login(email, 'wrong again');
    expect(throttled).toMatchObject({ __typename: 'TooManyRequestsError', message: expect.stringMatching(/Too many failed sign-in attempts/) });
    expect(throttled?.retryAfterSeconds).toBeGreaterThan(0);
    expect(throttled?.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect((await login(email.toUpperCase(), password))?.__typename).toBe('TooManyRequestsError');
    // Other accounts are not affected.
    expect((await login(await newUser(), password))?.__typename).toBe('LoginPayload');
  });

  it('does not count successful sign-ins against the address (agents behind one office address)', async () => {
    const email = await newUser();
    for (let i = 0; i < 10; i++) expect((await login(email, password))?.__typename).toBe('LoginPayload');
  });
});

describe('request limits', () => {
  it('answers a 12 MB anonymous POST with 413, without reading it into a GraphQL request', async () => {
    const res = await post(paddedQuery(12 * 1024 * 1024));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toEqual({
      errors: [{ message: 'The request body is larger than the 1048576 bytes accepted.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('caps a body of unknown length (chunked) while it streams', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull: (c) => (sent++ < 32 ? c.enqueue(chunk) : c.close()),
    });
    expect((await post(body)).status).toBe(413);
  });

  it('lets a signed-in user send a larger body (push uploads), up to the upload cap', async () => {
    const { token } = await t.signIn('agent');
    expect((await post(paddedQuery(3 * 1024 * 1024), { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await post(paddedQuery(3 * 1024 * 1024), { authorization: 'Bearer forged' })).status).toBe(413);
    expect((await post(paddedQuery(24 * 1024 * 1024), { authorization: `Bearer ${token}` })).status).toBe(413);
  });

  it('refuses a page larger than 200 with a clear error', async () => {
    const { token } = await t.signIn('supervisor');
    const page = (first: number) => t.gql<{ interactions: { edges: unknown[] } }>(`{ interactions(first: ${first}) { edges { node { id } } } }`, {}, token);
    const refused = await page(5000);
    expect(refused.data).toBeFalsy();
    expect(refused.errors?.[0]?.message).toMatch(/Ask for at most 200 items per page/);
    expect((await page(200)).data?.interactions.edges).toEqual([]);
  });

  it('applies the document limits and introspection rule over WebSocket too', async () => {
    const { ws, next } = await openSocket();
    let deep = 'id';
    for (let i = 0; i < 30; i++) deep = `customer { interactions { ${deep} } }`;
    for (const [id, query, refusal] of [
      ['1', `subscription { interactionUpdated(id: "x") { ${deep} } }`, /depth limit of 15 exceeded/],
      ['2', '{ __schema { types { name } } }', /introspection has been disabled/],
    ] as const) {
      ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
      const reply = (await next()) as { type: string; id: string; payload: { message: string }[] };
      expect(reply).toMatchObject({ id, type: 'error' });
      expect(reply.payload.map((e) => e.message).join()).toMatch(refusal);
    }
    ws.close();
  });

  it('closes a WebSocket that sends a message over the cap', async () => {
    const { ws } = await openSocket();
    ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ __typename }`, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } } }));
    const [code] = (await once(ws, 'close')) as [number];
    expect(code).toBe(1009);
  });
});

// Last: it uses up the loopback address's budget (8 failures; 3 were spent above).
describe('sign-in limits per address', () => {
  it('throttles an address after repeated failures on any accounts, even for a right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login(`nobody${i}@test.local`, 'guess'))?.__typename).toBe('InvalidCredentialsError');
    expect((await login('nobody-else@test.local', 'guess'))?.__typename).toBe('TooManyRequestsError');
    expect((await login(await newUser(), password))?.__typename).toBe('TooManyRequestsError');
  });
});
