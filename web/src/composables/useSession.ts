import { useMutation } from '@urql/vue';
import { computed, getCurrentScope, shallowRef, watchSyncEffect } from 'vue';
import { LoginMutation, type FieldError, type User } from '../graphql/operations';

/** What survives a reload: the bearer token and who it belongs to. */
export interface StoredSession {
  token: string;
  user: User;
}

export type LoginOutcome =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid-credentials'; message: string }
  | { ok: false; reason: 'validation'; message: string; fieldErrors: FieldError[] }
  | { ok: false; reason: 'network' | 'unexpected'; message: null };

export const SESSION_STORAGE_KEY = 'cc.session';

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const { token, user } = value as Record<string, unknown>;
  if (typeof token !== 'string' || token === '' || typeof user !== 'object' || user === null) {
    return false;
  }
  const u = user as Record<string, unknown>;
  return typeof u.id === 'string' && typeof u.name === 'string' && typeof u.role === 'string';
}

function readStoredSession(): StoredSession | null {
  try {
    const raw = globalThis.localStorage?.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isStoredSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function writeStoredSession(value: StoredSession | null): void {
  try {
    if (value) globalThis.localStorage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(value));
    else globalThis.localStorage?.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Storage unavailable: the session lives in memory for this tab only.
  }
}

// One session per tab, shared by every caller (router guard, urql client, components).
const session = shallowRef<StoredSession | null>(readStoredSession());
// The same token outside Vue's reactivity: the GraphQL client reads it while urql subscribes
// inside a component effect, and a tracked read there would restart every subscription
// whenever the stored user is refreshed.
let plainToken: string | null = session.value?.token ?? null;
watchSyncEffect(() => {
  plainToken = session.value?.token ?? null;
});

if (typeof window !== 'undefined') {
  // Signing in or out in another tab applies here too.
  window.addEventListener('storage', (event) => {
    if (event.key === SESSION_STORAGE_KEY || event.key === null) session.value = readStoredSession();
  });
}

function setSession(value: StoredSession | null): void {
  session.value = value;
  writeStoredSession(value);
}

/** The current bearer token, for the GraphQL client's headers. */
export function currentToken(): string | null {
  return plainToken;
}

/** Whether someone is signed in in this tab (usable outside components, e.g. router guards). */
export function hasSession(): boolean {
  return session.value !== null;
}

/** The signed-in user, readable in any component (no GraphQL client needed), e.g. for their time zone. */
export function useSignedInUser() {
  return computed(() => session.value?.user ?? null);
}

/** Forget the session, e.g. when the API says the token is no longer valid. */
export function clearSession(): void {
  setSession(null);
}

/** Re-read storage; tests use this after seeding or clearing localStorage. */
export function reloadSessionFromStorage(): void {
  session.value = readStoredSession();
}

/**
 * The signed-in agent. Reading state works anywhere (router guards included); `login` needs a
 * component setup (or effect scope) with an urql client provided.
 */
export function useSession() {
  const loginMutation = getCurrentScope() ? useMutation(LoginMutation) : null;

  const user = computed(() => session.value?.user ?? null);
  const token = computed(() => session.value?.token ?? null);
  const isAuthenticated = computed(() => session.value !== null);

  async function login(email: string, password: string): Promise<LoginOutcome> {
    if (!loginMutation) {
      throw new Error('useSession().login must be called from a component setup with an urql client.');
    }
    const result = await loginMutation.executeMutation({ input: { email, password } });
    if (result.error) {
      return { ok: false, reason: result.error.networkError ? 'network' : 'unexpected', message: null };
    }
    const payload = result.data?.login;
    switch (payload?.__typename) {
      case 'LoginPayload':
        setSession({ token: payload.token, user: payload.user });
        return { ok: true, user: payload.user };
      case 'InvalidCredentialsError':
        return { ok: false, reason: 'invalid-credentials', message: payload.message };
      case 'ValidationError':
        return {
          ok: false,
          reason: 'validation',
          message: payload.message,
          fieldErrors: payload.fieldErrors,
        };
      default:
        return { ok: false, reason: 'unexpected', message: null };
    }
  }

  function logout(): void {
    setSession(null);
  }

  /** Keep the stored user in step with what the API reports (name or role changes). */
  function updateUser(next: User): void {
    if (session.value) setSession({ token: session.value.token, user: next });
  }

  return {
    user,
    token,
    isAuthenticated,
    loggingIn: computed(() => loginMutation?.fetching.value ?? false),
    login,
    logout,
    updateUser,
  };
}
