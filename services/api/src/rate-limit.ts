import { Redis } from 'ioredis';
import { watchRedis } from './redis-watch';
import { logger } from '@cc/core/logger';

export type RateVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Fixed-window counters for public endpoints (the chat widget's visitors, sign-in): at most `limit` hits
 * per `windowMs` per key. Redis when REDIS_URL is set (every replica counts together), the
 * process otherwise.
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number, now: Date): Promise<RateVerdict>;
  /** Takes one hit of the current window back (an attempt that turned out legitimate, e.g. a sign-in that succeeded). */
  undo(key: string): Promise<void>;
  close(): Promise<void>;
}

export function createRateLimiter(redisUrl?: string, keyPrefix = 'cc'): RateLimiter {
  return redisUrl ? redisRateLimiter(redisUrl, keyPrefix) : memoryRateLimiter();
}

function memoryRateLimiter(): RateLimiter {
  const windows = new Map<string, { endsAt: number; count: number }>();
  return {
    hit: async (key, limit, windowMs, now) => {
      const t = now.getTime();
      let w = windows.get(key);
      if (!w || w.endsAt <= t) {
        w = { endsAt: t + windowMs, count: 0 };
        windows.set(key, w);
      }
      if (w.count >= limit) return { ok: false, retryAfterMs: w.endsAt - t };
      w.count++;
      // Visitors come and go: forget finished windows now and then.
      if (windows.size > 50_000) for (const [k, v] of windows) if (v.endsAt <= t) windows.delete(k);
      return { ok: true };
    },
    undo: async (key) => {
      const w = windows.get(key);
      if (w && w.count > 0) w.count--;
    },
    close: async () => {},
  };
}

// One round trip, atomic: count the hit, start the window on the first one, refuse over the limit.
const hitScript = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then return redis.call('PTTL', KEYS[1]) end
return -1
`;
// DECR keeps the key's expiry; a window that has ended stays gone.
const undoScript = `
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

/**
 * Fails open: while Redis does not answer, every hit is allowed (chat and sign-in keep working;
 * passwords are still checked) rather than lock every visitor and agent out. Commands fail fast —
 * a bounded wait — so a request never hangs on a reconnect.
 */
function redisRateLimiter(url: string, prefix: string): RateLimiter {
  // The offline queue stays on (commands sent while connecting at start-up wait for the
  // connection); commandTimeout bounds every wait, so a request never hangs on a reconnect.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000 });
  watchRedis(redis, 'rate limits', (line) => logger({ component: 'rate-limits' }).warn(line));
  return {
    hit: async (key, limit, windowMs) => {
      let ttl: number;
      try {
        ttl = Number(await redis.eval(hitScript, 1, `${prefix}:rate:${key}`, String(limit), String(windowMs)));
      } catch {
        return { ok: true };
      }
      return ttl < 0 ? { ok: true } : { ok: false, retryAfterMs: Math.max(1, ttl) };
    },
    undo: async (key) => void (await redis.eval(undoScript, 1, `${prefix}:rate:${key}`).catch(() => undefined)),
    close: async () => void redis.disconnect(),
  };
}
