import { LRUCache } from 'lru-cache';
import type { Role } from '@cc/core/roles';
import type { Db } from '@cc/db/database';
import { getUserSessionState } from '@cc/db/repositories/users';

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
}

/**
 * Reads users' session state through a small in-process LRU cache: `ttlSeconds` bounds how long
 * another replica may still accept a token this one revoked (0 = no cache: every request reads
 * the database). Changes made through this process call `forget` and apply at once.
 */
export function createSessionStates(db: Db, ttlSeconds: number): SessionStates {
  const cache = ttlSeconds > 0 ? new LRUCache<string, SessionState>({ max: 10_000, ttl: ttlSeconds * 1000 }) : null;
  // A load that began before a `forget` must not put the old state back.
  let generation = 0;
  return {
    async get(userId) {
      const cached = cache?.get(userId);
      if (cached) return cached;
      const started = generation;
      const row = await getUserSessionState(db, userId);
      if (!row) return null;
      const state: SessionState = { role: row.role, version: row.token_version, disabled: row.disabled_at !== null };
      if (cache && started === generation) cache.set(userId, state);
      return state;
    },
    forget(userId) {
      generation++;
      cache?.delete(userId);
    },
  };
}
