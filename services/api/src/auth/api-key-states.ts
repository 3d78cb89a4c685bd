import type { Db } from '@cc/db/database';
import { findActiveApiKey, touchApiKey } from '@cc/db/repositories/api-keys';
import type { ApiKey } from '@cc/db/tables/api-keys';
import { createRevocableCache } from './revocable-cache';

export interface ApiKeyStates {
  /** The active (not revoked) key with this prefix; null if none. */
  find(prefix: string): Promise<ApiKey | null>;
  /** After revoking a key through this process: it is refused here at once. */
  forget(): void;
  /** A request used the key: its last-used time is written at most once per `touchEveryMs`. */
  used(keyId: string): void;
}

/** How stale `ApiKey.lastUsedAt` may be: a write per request would be one statement in every integrator call. */
const touchEveryMs = 60_000;

/**
 * Integrators' keys as checked on every request, cached like session states (`ttlSeconds`, i.e.
 * SESSION_STATE_CACHE_SECONDS, bounds how long another replica may still accept a key revoked
 * elsewhere). The secret is still compared on every request by the caller.
 */
export function createApiKeyStates(db: Db, ttlSeconds: number): ApiKeyStates {
  const cache = createRevocableCache<ApiKey>(ttlSeconds);
  const touched = new Map<string, number>();
  return {
    find: (prefix) => cache.get(prefix, () => findActiveApiKey(db, prefix)),
    forget: () => cache.forget(),
    used(keyId) {
      const now = Date.now();
      if (now - (touched.get(keyId) ?? -Infinity) < touchEveryMs) return;
      // Bounded: keys are few, but never let the map grow without limit.
      if (touched.size > 10_000) touched.clear();
      touched.set(keyId, now);
      void touchApiKey(db, keyId).catch(() => {});
    },
  };
}
