import { useMutation } from '@urql/vue';
import { computed, getCurrentScope, shallowRef } from 'vue';
import type { FieldError } from '../graphql/session';
import { LoginMutation, LogoutMutation, type User } from '../graphql/session';

/**
 * What survives a reload: who is signed in, nothing secret. The session itself is the API's
 * httpOnly `cc_session` cookie, which page script cannot read; `viewer` confirms it at start.
 */
export interface StoredSession {
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
  const { user } = value as Record<string, unknown>;
  if (typeof user !== 'object' || user === null) return false;
  const u = user as Record<string, unknown>;
  return typeof u.id === 'string' && typeof u.name === 'string' && typeof u.role === 'string';
}

function readStoredSession(): StoredSession | null {
  try {
    const raw = globalThis.localStorage?.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    // Only the profile is kept, even if an older console stored a token beside it.
    return isStoredSession(parsed) ? { user: parsed.user } : null;
  } catch {
    return null;
  }
}

function writeStoredSession(value: StoredSession | null): void {
  try {
    if (value) globalThis.localStorage?.setItem(SESSION_STORAGE_KEY, JSON.stringify({ user: value.user }));
    else globalThis.localStorage?.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Storage unavailable: the session lives in memory for this tab only.
  }
}

// One session per tab, shared by every caller (router guard, urql client, components).
const session = shallowRef<StoredSession | null>(readStoredSession());
// Rewrites an older console's stored token away at once.
writeStoredSession(session.value);

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

/**
 * Who the session belongs to, outside Vue's reactivity: the GraphQL client reads it while urql
 * subscribes inside a component effect, and a tracked read there would restart every
 * subscription whenever the stored user is refreshed.
 */
export function currentUserId(): string | null {
  return session.value?.user.id ?? null;
}

/** Whether someone is signed in in this tab (usable outside components, e.g. router guards). */
export function hasSession(): boolean {
  return session.value !== null;
}

/** The signed-in user, readable in any component (no GraphQL client needed), e.g. for their time zone. */
export function useSignedInUser() {
  return computed(() => session.value?.user ?? null);
}

/** Forget the session in this browser, e.g. when the API says it is no longer valid. */
export function clearSession(): void {
  setSession(null);
}

/** Re-read storage; tests use this after seeding or clearing localStorage. */
export function reloadSessionFromStorage(): void {
  session.value = readStoredSession();
}

/**
 * The signed-in agent. Reading state works anywhere (router guards included); `login` and
 * `logout` need a component setup (or effect scope) with an urql client provided.
 */
export function useSession() {
  const scoped = getCurrentScope() !== undefined;
  const loginMutation = scoped ? useMutation(LoginMutation) : null;
  const logoutMutation = scoped ? useMutation(LogoutMutation) : null;

  const user = computed(() => session.value?.user ?? null);
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
        setSession({ user: payload.user });
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

  /** Ends the session on the API (its cookie is deleted) and forgets it here, even if the API cannot be reached. */
  async function logout(): Promise<void> {
    try {
      await logoutMutation?.executeMutation({});
    } finally {
      setSession(null);
    }
  }

  /** Keep the stored user in step with what the API reports (name or role changes). */
  function updateUser(next: User): void {
    if (session.value) setSession({ user: next });
  }

  return {
    user,
    isAuthenticated,
    loggingIn: computed(() => loginMutation?.fetching.value ?? false),
    login,
    logout,
    updateUser,
  };
}
