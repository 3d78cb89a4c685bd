import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hasSession, reloadSessionFromStorage, SESSION_STORAGE_KEY } from '../composables/useSession';
import { createAppClient } from './client';
import { ViewerQuery } from './session';

function signIn() {
  localStorage.setItem(
    SESSION_STORAGE_KEY,
    JSON.stringify({ user: { id: '1', email: 'a@b.es', name: 'Ana', role: 'AGENT' } }),
  );
  reloadSessionFromStorage();
}

function stubFetch(status: number, body: unknown) {
  const fetchMock = vi.fn(async (..._args: Parameters<typeof fetch>) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function requestOf(fetchMock: ReturnType<typeof stubFetch>) {
  const [url, init] = fetchMock.mock.calls[0] ?? [];
  return { url, init: init ?? {}, headers: new Headers(init?.headers) };
}

beforeEach(() => {
  localStorage.clear();
  reloadSessionFromStorage();
});
afterEach(() => vi.unstubAllGlobals());

describe('createAppClient', () => {
  it('POSTs to /graphql with the session cookie, the CSRF header and the UI language', async () => {
    signIn();
    const fetchMock = stubFetch(200, { data: { viewer: null } });

    await createAppClient({ locale: () => 'es' }).query(ViewerQuery, {}).toPromise();

    const { url, init, headers } = requestOf(fetchMock);
    expect(url).toBe('/graphql');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('include');
    expect(headers.get('x-graphql-yoga-csrf')).toBe('1');
    expect(headers.has('authorization')).toBe(false);
    expect(headers.get('accept-language')).toBe('es');
  });

  it('sends no Authorization header, even with a token an older console stored', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token: 'old-jwt', user: { id: '1', email: 'a@b.es', name: 'Ana', role: 'AGENT' } }));
    reloadSessionFromStorage();
    const fetchMock = stubFetch(200, { data: { viewer: null } });
    await createAppClient().query(ViewerQuery, {}).toPromise();
    expect(requestOf(fetchMock).headers.has('authorization')).toBe(false);
    expect(hasSession()).toBe(true);
  });

  it('drops the session when the API answers 401', async () => {
    signIn();
    stubFetch(401, { errors: [{ message: 'Unauthorized' }] });
    await createAppClient().query(ViewerQuery, {}).toPromise();
    expect(hasSession()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });
});
