import { LRUCache } from 'lru-cache';

/**
 * A small in-process LRU cache for what a credential is checked against on every request (a user's
 * session state, an API key): `ttlSeconds` bounds how long another replica may still accept a
 * credential this one revoked (0 = no cache: every request loads). Changes made through this
 * process call `forget`, which also keeps a load that began before it from putting the old value back.
 */
export interface RevocableCache<V> {
  get(key: string, load: () => Promise<V | null | undefined>): Promise<V | null>;
  /** Forget one key, or everything. */
  forget(key?: string): void;
}

export function createRevocableCache<V extends object>(ttlSeconds: number, max = 10_000): RevocableCache<V> {
  const cache = ttlSeconds > 0 ? new LRUCache<string, V>({ max, ttl: ttlSeconds * 1000 }) : null;
  let generation = 0;
  return {
    async get(key, load) {
      const cached = cache?.get(key);
      if (cached) return cached;
      const started = generation;
      const value = await load();
      if (!value) return null;
      if (cache && started === generation) cache.set(key, value);
      return value;
    },
    forget(key) {
      generation++;
      if (key === undefined) cache?.clear();
      else cache?.delete(key);
    },
  };
}
