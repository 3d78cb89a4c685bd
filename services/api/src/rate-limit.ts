import { Redis } from 'ioredis';

export type RateVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Fixed-window counters for public endpoints (the chat widget's visitors): at most `limit` hits
 * per `windowMs` per key. Redis when REDIS_URL is set (every replica counts together), the
 * process otherwise.
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number, now: Date): Promise<RateVerdict>;
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

function redisRateLimiter(url: string, prefix: string): RateLimiter {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  return {
    hit: async (key, limit, windowMs) => {
      const ttl = Number(await redis.eval(hitScript, 1, `${prefix}:rate:${key}`, String(limit), String(windowMs)));
      return ttl < 0 ? { ok: true } : { ok: false, retryAfterMs: Math.max(1, ttl) };
    },
    close: async () => void redis.disconnect(),
  };
}
