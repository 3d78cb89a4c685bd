import type { Role } from '@cc/core/roles';
import type { Db } from '@cc/db/database';
import { getUserSessionState } from '@cc/db/repositories/users';
import { createApiKeyStates, type ApiKeyStates } from './api-key-states';
import { createRevocableCache } from './revocable-cache';

/** What a session token is checked against on every request: the user as the database has them now. */
export interface SessionState {
  role: Role;
  version: number;
  disabled: boolean;
}

export interface SessionStates {
  /** The user's current state; null for a user that no longer exists. */
  get(userId: string): Promise<SessionState | null>;
  /** Forget what is cached for the user after changing them, so this process applies the change at once. */
  forget(userId: string): void;
  /** Integrators' keys, checked on every request with the same cache bound. */
  apiKeys: ApiKeyStates;
}

/**
 * Reads users' session state through a small in-process LRU cache: `ttlSeconds` bounds how long
 * another replica may still accept a token this one revoked (0 = no cache: every request reads
 * the database). Changes made through this process call `forget` and apply at once.
 */
export function createSessionStates(db: Db, ttlSeconds: number): SessionStates {
  const cache = createRevocableCache<SessionState>(ttlSeconds);
  return {
    get: (userId) =>
      cache.get(userId, async () => {
        const row = await getUserSessionState(db, userId);
        return row && { role: row.role, version: row.token_version, disabled: row.disabled_at !== null };
      }),
    forget: (userId) => cache.forget(userId),
    apiKeys: createApiKeyStates(db, ttlSeconds),
  };
}
