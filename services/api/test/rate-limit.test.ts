import { describe, expect, it } from 'vitest';
import { createRateLimiter, type RateLimiter } from '../src/rate-limit';
import { hasRedisServer, useRedisServer } from './support/redis-server';

// Fixed windows for public operations, the same contract in the process and in Redis.
const redis = useRedisServer();

function contract(name: string, make: () => RateLimiter) {
  describe(name, () => {
    it('lets `limit` hits through per window and key, then says how long to wait', async () => {
      const limiter = make();
      const key = `test:${Math.random()}`;
      const now = new Date();
      expect(await limiter.hit(key, 2, 60_000, now)).toEqual({ ok: true });
      expect(await limiter.hit(key, 2, 60_000, now)).toEqual({ ok: true });
      const refused = await limiter.hit(key, 2, 60_000, now);
      expect(refused).toMatchObject({ ok: false });
      expect((refused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
      expect((refused as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(60_000);
      // Other keys are counted apart.
      expect(await limiter.hit(`${key}:other`, 2, 60_000, now)).toEqual({ ok: true });
      await limiter.close();
    });

    it('takes a hit back with undo (a sign-in that succeeded), never below zero', async () => {
      const limiter = make();
      const key = `test:${Math.random()}`;
      const now = new Date();
      await limiter.undo(key);
      expect(await limiter.hit(key, 1, 60_000, now)).toEqual({ ok: true });
      await limiter.undo(key);
      await limiter.undo(key);
      expect(await limiter.hit(key, 1, 60_000, now)).toEqual({ ok: true });
      expect(await limiter.hit(key, 1, 60_000, now)).toMatchObject({ ok: false });
      await limiter.close();
    });

    it('opens a new window once the old one is over', async () => {
      const limiter = make();
      const key = `test:${Math.random()}`;
      const now = new Date();
      expect(await limiter.hit(key, 1, 200, now)).toEqual({ ok: true });
      expect(await limiter.hit(key, 1, 200, now)).toMatchObject({ ok: false });
      // Redis expires the window in real time: wait it out rather than move a fake clock.
      await new Promise((r) => setTimeout(r, 250));
      expect(await limiter.hit(key, 1, 200, new Date(now.getTime() + 250))).toEqual({ ok: true });
      await limiter.close();
    });
  });
}

contract('in-process rate limiter', () => createRateLimiter());
if (hasRedisServer) contract('Redis rate limiter', () => createRateLimiter(redis.url()!));
