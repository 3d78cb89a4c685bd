import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '../../../test/support/api';

// Sessions that can be revoked, and the console's cookie session. The session-state cache is on
// (1 s, which is also how often open WebSockets are checked again): changes made through the API
// forget the cached state at once, and a change made behind the API's back (the database) is
// followed by `sessions.forget`.
const t = useTestApi({ env: { SESSION_STATE_CACHE_SECONDS: '1', LOGIN_FAILURES_PER_ACCOUNT: '3' } });
const password = 'correct horse battery';
const gid = (id: string) => Buffer.from(`User:${id}`).toString('base64');

async function login(email: string, pass = password): Promise<Response> {
  return fetch(`${t.api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: 'mutation($input: LoginInput!) { login(input: $input) { __typename ... on LoginPayload { token } } }', variables: { input: { email, password: pass } } }),
  });
}

/** A POST as the console sends it: the cookie, the CSRF header, its Origin. */
async function withCookie(cookie: string, query: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${t.api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', cookie, ...headers },
    body: JSON.stringify({ query }),
  });
}

const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('cc_session='))!;
const emailOf = async (userId: string) => (await t.api.services.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;

async function auditActions(subjectId: string): Promise<string[]> {
  const rows = await t.api.services.db.selectFrom('audit_events').select('action').where('subject_id', '=', subjectId).orderBy('created_at').execute();
  return rows.map((r) => r.action);
}

describe('revocation', () => {
  it('a disabled user’s token is refused on the next request; enabling does not revive it', async () => {
    const admin = await t.signIn('admin');
    const agent = await t.signIn('agent');
    expect((await t.gql('{ viewer { id } }', {}, agent.token)).status).toBe(200);

    const disabled = await t.gql<{ disableUser: { __typename: string; user: { disabledAt: string | null } } }>(
      'mutation($input: DisableUserInput!) { disableUser(input: $input) { __typename ... on UserAccountPayload { user { disabledAt } } } }',
      { input: { userId: gid(agent.userId) } },
      admin.token,
    );
    expect(disabled.data?.disableUser.user.disabledAt).toBeTruthy();
    const refused = await t.gql('{ viewer { id } }', {}, agent.token);
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const email = await emailOf(agent.userId);
    expect(await (await login(email)).json()).toMatchObject({ data: { login: { __typename: 'InvalidCredentialsError' } } });

    await t.gql('mutation($input: EnableUserInput!) { enableUser(input: $input) { __typename } }', { input: { userId: gid(agent.userId) } }, admin.token);
    expect((await t.gql('{ viewer { id } }', {}, agent.token)).status).toBe(401);
    expect(await (await login(email)).json()).toMatchObject({ data: { login: { __typename: 'LoginPayload' } } });
    expect(await auditActions(agent.userId)).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled']));
  });

  it('an administrator cannot disable themselves, and only administrators manage accounts', async () => {
    const admin = await t.signIn('admin');
    const supervisor = await t.signIn('supervisor');
    const self = await t.gql<{ disableUser: { __typename: string } }>('mutation($input: DisableUserInput!) { disableUser(input: $input) { __typename } }', { input: { userId: gid(admin.userId) } }, admin.token);
    expect(self.data?.disableUser.__typename).toBe('CannotChangeOwnAccountError');
    const denied = await t.gql('mutation($input: DisableUserInput!) { disableUser(input: $input) { __typename } }', { input: { userId: gid(admin.userId) } }, supervisor.token);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a demoted supervisor loses supervisor fields at once (the role is the database’s, not the token’s)', async () => {
    const admin = await t.signIn('admin');
    const sup = await t.signIn('supervisor');
    expect((await t.gql('{ agents { user { id } } }', {}, sup.token)).errors).toBeUndefined();

    const demoted = await t.gql<{ setUserRole: { __typename: string } }>('mutation($input: SetUserRoleInput!) { setUserRole(input: $input) { __typename } }', { input: { userId: gid(sup.userId), role: 'AGENT' } }, admin.token);
    expect(demoted.data?.setUserRole.__typename).toBe('UserAccountPayload');
    expect((await t.gql('{ agents { user { id } } }', {}, sup.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Changed directly in the database: applies once the cached state is gone (at most SESSION_STATE_CACHE_SECONDS).
    await t.api.services.db.updateTable('users').set({ role: 'supervisor' }).where('id', '=', sup.userId).execute();
    t.api.services.sessions.forget(sup.userId);
    expect((await t.gql('{ agents { user { id } } }', {}, sup.token)).errors).toBeUndefined();
    expect(await auditActions(sup.userId)).toContain('user.role_changed');
  });

  it('logout ends the caller’s sessions and deletes the cookie', async () => {
    const agent = await t.signIn('agent');
    const res = await fetch(`${t.api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.token}` },
      body: JSON.stringify({ query: 'mutation { logout { signedOut } }' }),
    });
    expect(await res.json()).toEqual({ data: { logout: { signedOut: true } } });
    expect(cookieOf(res)).toMatch(/^cc_session=;.*Max-Age=0/);
    expect((await t.gql('{ viewer { id } }', {}, agent.token)).status).toBe(401);
    expect(await auditActions(agent.userId)).toContain('user.logout');
  });

  it('changePassword checks the current password, ends older sessions and returns a fresh one', async () => {
    const agent = await t.signIn('agent');
    const CHANGE = 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { __typename ... on ChangePasswordPayload { token } ... on ValidationError { fieldErrors { path message } } } }';
    const wrong = await t.gql<{ changePassword: { __typename: string } }>(CHANGE, { input: { currentPassword: 'nope', newPassword: 'a much longer passphrase' } }, agent.token);
    expect(wrong.data?.changePassword.__typename).toBe('IncorrectPasswordError');
    const short = await t.gql<{ changePassword: { __typename: string } }>(CHANGE, { input: { currentPassword: password, newPassword: 'short' } }, agent.token);
    expect(short.data?.changePassword.__typename).toBe('ValidationError');
    expect((await t.gql('{ viewer { id } }', {}, agent.token)).status).toBe(200);

    const ok = await t.gql<{ changePassword: { __typename: string; token: string } }>(CHANGE, { input: { currentPassword: password, newPassword: 'a much longer passphrase' } }, agent.token);
    expect(ok.data?.changePassword.__typename).toBe('ChangePasswordPayload');
    expect((await t.gql('{ viewer { id } }', {}, agent.token)).status).toBe(401);
    expect((await t.gql<{ viewer: { id: string } }>('{ viewer { id } }', {}, ok.data!.changePassword.token)).data?.viewer.id).toBe(gid(agent.userId));
    const email = await emailOf(agent.userId);
    expect(await (await login(email)).json()).toMatchObject({ data: { login: { __typename: 'InvalidCredentialsError' } } });
    expect(await (await login(email, 'a much longer passphrase')).json()).toMatchObject({ data: { login: { __typename: 'LoginPayload' } } });
    expect(await auditActions(agent.userId)).toContain('user.password_changed');
  });

  it('changePassword: guesses at the current password share the sign-in budget of the account', async () => {
    const agent = await t.signIn('agent');
    const CHANGE = 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { __typename } }';
    const attempt = async (currentPassword: string) =>
      (await t.gql<{ changePassword: { __typename: string } }>(CHANGE, { input: { currentPassword, newPassword: 'a much longer passphrase' } }, agent.token)).data?.changePassword.__typename;
    for (let i = 0; i < 3; i++) expect(await attempt(`guess ${i}`)).toBe('IncorrectPasswordError');
    expect(await attempt(password)).toBe('TooManyRequestsError');
    expect((await t.gql('{ viewer { id } }', {}, agent.token)).status).toBe(200);
  });

  it('resetUserPassword (administrators) ends the user’s sessions', async () => {
    const admin = await t.signIn('admin');
    const agent = await t.signIn('agent');
    const RESET = 'mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { __typename } }';
    const input = { userId: gid(agent.userId), newPassword: 'temporary passphrase 1' };
    expect((await t.gql(RESET, { input }, agent.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql<{ resetUserPassword: { __typename: string } }>(RESET, { input }, admin.token)).data?.resetUserPassword.__typename).toBe('ResetUserPasswordPayload');
    expect((await t.gql('{ viewer { id } }', {}, agent.token)).status).toBe(401);
    expect(await (await login(await emailOf(agent.userId), 'temporary passphrase 1')).json()).toMatchObject({ data: { login: { __typename: 'LoginPayload' } } });
    expect(await auditActions(agent.userId)).toContain('user.password_reset');
  });

  it('refuses a token signed without a version (issued before revocable sessions)', async () => {
    const agent = await t.signIn('agent');
    const legacy = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(agent.userId)
      .setIssuer('contact-center')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    expect((await t.gql('{ viewer { id } }', {}, legacy)).status).toBe(401);
  });
});

describe('open WebSockets', () => {
  it('are closed when their session ends, and a demoted user’s socket is replaced', async () => {
    const admin = await t.signIn('admin');
    const sup = await t.signIn('supervisor');
    const agent = await t.signIn('agent');
    const url = t.api.url.replace('http', 'ws') + '/graphql';
    const closedAfter = (token: string) => {
      const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
      const closed = new Promise<number>((ok) => client.on('closed', (e) => ok((e as { code: number }).code)));
      const subscribed = new Promise<void>((ok) => client.on('connected', () => ok()));
      client.subscribe({ query: 'subscription { offers { id } }' }, { next: () => {}, error: () => {}, complete: () => {} });
      return { closed, subscribed, client };
    };
    const agentSocket = closedAfter(agent.token);
    const supSocket = closedAfter(sup.token);
    await Promise.all([agentSocket.subscribed, supSocket.subscribed]);

    await t.gql('mutation { logout { signedOut } }', {}, agent.token);
    await t.gql('mutation($input: SetUserRoleInput!) { setUserRole(input: $input) { __typename } }', { input: { userId: gid(sup.userId), role: 'AGENT' } }, admin.token);
    expect(await agentSocket.closed).toBe(4401);
    expect(await supSocket.closed).toBe(4401);
    await Promise.all([agentSocket.client.dispose(), supSocket.client.dispose()]);
  });
});

describe('API keys', () => {
  const CREATE = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeyPayload { token apiKey { id } } } }';
  const LIST = '{ apiKeys { id name scopes createdBy { id } createdAt lastUsedAt revokedAt } }';
  const REVOKE = 'mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename ... on RevokeApiKeyPayload { apiKey { id revokedAt } } } }';

  it('are listed and revoked by administrators only; a revoked key is refused', async () => {
    const admin = await t.signIn('admin');
    const sup = await t.signIn('supervisor');
    const created = await t.gql<{ createApiKey: { token: string; apiKey: { id: string } } }>(CREATE, { input: { name: 'crm', scopes: ['CUSTOMERS_READ'] } }, admin.token);
    const { token, apiKey } = created.data!.createApiKey;
    expect((await t.gql('{ viewer { id } }', {}, token)).status).toBe(200);

    expect((await t.gql(LIST, {}, sup.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(LIST, {}, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await t.gql<{ apiKeys: { id: string; name: string; scopes: string[]; createdBy: { id: string }; lastUsedAt: string | null; revokedAt: string | null }[] }>(LIST, {}, admin.token);
    await expect.poll(async () => (await t.gql<{ apiKeys: { id: string; lastUsedAt: string | null }[] }>(LIST, {}, admin.token)).data?.apiKeys.find((k) => k.id === apiKey.id)?.lastUsedAt).toBeTruthy();
    expect(listed.data?.apiKeys.find((k) => k.id === apiKey.id)).toMatchObject({ name: 'crm', scopes: ['CUSTOMERS_READ'], createdBy: { id: gid(admin.userId) }, revokedAt: null });

    expect((await t.gql(REVOKE, { input: { id: apiKey.id } }, sup.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const revoked = await t.gql<{ revokeApiKey: { apiKey: { revokedAt: string | null } } }>(REVOKE, { input: { id: apiKey.id } }, admin.token);
    expect(revoked.data?.revokeApiKey.apiKey.revokedAt).toBeTruthy();
    const refused = await t.gql('{ viewer { id } }', {}, token);
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.message).toMatch(/revoked/);

    // Again: nothing changes, nothing more is audited.
    const again = await t.gql<{ revokeApiKey: { apiKey: { revokedAt: string } } }>(REVOKE, { input: { id: apiKey.id } }, admin.token);
    expect(again.data?.revokeApiKey.apiKey.revokedAt).toBe(revoked.data?.revokeApiKey.apiKey.revokedAt);
    expect((await auditActions(apiKey.id)).filter((a) => a === 'api_key.revoked')).toHaveLength(1);
    const unknown = await t.gql<{ revokeApiKey: { __typename: string } }>(REVOKE, { input: { id: '00000000-0000-4000-8000-000000000000' } }, admin.token);
    expect(unknown.data?.revokeApiKey.__typename).toBe('NotFoundError');
  });
});

describe('the console’s cookie session', () => {
  const csrf = { 'x-graphql-yoga-csrf': '1' };

  it('login sets an httpOnly SameSite=Strict cookie (not Secure over http)', async () => {
    const agent = await t.signIn('agent');
    const cookie = cookieOf(await login(await emailOf(agent.userId)));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('is Secure when the console is served over https', async () => {
    const { sessionCookie } = await import('../src/http/session-cookie');
    const env = { ...t.api.services.env, PUBLIC_BASE_URL: 'https://cc.example' };
    expect(sessionCookie(env, 'tok', 60)).toBe('cc_session=tok; Max-Age=60; Path=/; HttpOnly; Secure; SameSite=Strict');
  });

  it('authenticates a POST with the CSRF header from the console’s origin, and refuses it otherwise', async () => {
    const agent = await t.signIn('agent');
    const cookie = cookieOf(await login(await emailOf(agent.userId))).split(';')[0]!;
    const ok = await withCookie(cookie, '{ viewer { id } }', { ...csrf, origin: t.api.url });
    expect(await ok.json()).toEqual({ data: { viewer: { id: gid(agent.userId) } } });
    expect((await withCookie(cookie, '{ viewer { id } }', csrf)).status).toBe(200);

    const noHeader = await withCookie(cookie, '{ viewer { id } }', { origin: t.api.url });
    expect(noHeader.status).toBe(403);
    const otherSite = await withCookie(cookie, '{ viewer { id } }', { ...csrf, origin: 'https://evil.example' });
    expect(otherSite.status).toBe(403);
    // A bearer token wins over the cookie and needs no CSRF header (integrators).
    expect((await withCookie(cookie, '{ viewer { id } }', { authorization: `Bearer ${agent.token}` })).status).toBe(200);
  });

  it('a cookie that no longer authenticates counts as none, and is deleted', async () => {
    const agent = await t.signIn('agent');
    const cookie = cookieOf(await login(await emailOf(agent.userId))).split(';')[0]!;
    await t.gql('mutation { logout { signedOut } }', {}, agent.token);
    const res = await withCookie(cookie, '{ viewer { id } }', csrf);
    expect(await res.json()).toEqual({ data: { viewer: null } });
    expect(cookieOf(res)).toMatch(/Max-Age=0/);
  });

  it('over WebSocket, the cookie is used only when the upgrade comes from the console’s origin', async () => {
    const agent = await t.signIn('agent');
    const cookie = cookieOf(await login(await emailOf(agent.userId))).split(';')[0]!;
    const viewerOver = async (origin: string) => {
      class CookieSocket extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { cookie, origin } });
        }
      }
      const client = createClient({ url: t.api.url.replace('http', 'ws') + '/graphql', webSocketImpl: CookieSocket, retryAttempts: 0 });
      try {
        const result = await new Promise<unknown>((ok, fail) => {
          client.subscribe({ query: '{ viewer { id } }' }, { next: ok, error: fail, complete: () => {} });
        });
        return result;
      } finally {
        await client.dispose();
      }
    };
    expect(await viewerOver(t.api.url)).toEqual({ data: { viewer: { id: gid(agent.userId) } } });
    expect(await viewerOver('https://evil.example')).toEqual({ data: { viewer: null } });
  });
});
