import { describe, expect, it } from 'vitest';
import type { PushLimitSettings } from '@cc/core/push-limits';
import { createPushLimiter, type PushLimiter } from '../src/push/limits';
import { hasRedisServer, useRedisServer } from './support/redis-server';

// The same contract in the process and in Redis (when redis-server is installed here).
const settings = { spacingMs: 6000, perSecond: 3, dailyBusinessInitiated: 2 };
const redis = useRedisServer();

function contract(name: string, make: (s?: Partial<PushLimitSettings>) => PushLimiter) {
  describe(name, () => {
    it('spaces messages to one person, limits the sender per second, and budgets business-initiated conversations', async () => {
      const limiter = make();
      const sender = `whatsapp:+3491${Math.floor(Math.random() * 1e7)}`;
      const at = new Date('2026-11-23T10:00:00.100Z');
      expect(await limiter.reserve({ sender, to: '+34600000001', businessInitiated: true, now: at })).toEqual({ ok: true });
      const again = await limiter.reserve({ sender, to: '+34600000001', businessInitiated: false, now: new Date(at.getTime() + 1000) });
      expect(again).toMatchObject({ ok: false, reason: 'spacing' });
      expect((again as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
      expect((again as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(6000);
      expect(await limiter.reserve({ sender, to: '+34600000002', businessInitiated: true, now: at })).toEqual({ ok: true });
      // The budget (2 conversations per rolling 24 h) is used: a third person is refused until the
      // first conversation turns 24 h old; a reply is not refused.
      expect(await limiter.reserve({ sender, to: '+34600000003', businessInitiated: true, now: at })).toMatchObject({ ok: false, reason: 'budget', limit: 2, resetsAt: new Date(at.getTime() + 24 * 3600_000) });
      expect(await limiter.reserve({ sender, to: '+34600000003', businessInitiated: false, now: at })).toEqual({ ok: true });
      // 3 per second: the fourth in the same second waits.
      expect(await limiter.reserve({ sender, to: '+34600000004', businessInitiated: false, now: at })).toMatchObject({ ok: false, reason: 'rate' });
      await limiter.close();
    });

    it('counts a conversation once per person per rolling 24 h, across midnight', async () => {
      // No spacing here: Redis keeps the spacing gap in real time, this test moves a fake clock.
      const limiter = make({ spacingMs: 0 });
      const sender = `whatsapp:+3492${Math.floor(Math.random() * 1e7)}`;
      const at = Date.parse('2026-11-23T23:00:00Z');
      const reserve = (to: string, ms: number) => limiter.reserve({ sender, to, businessInitiated: true, now: new Date(at + ms) });
      expect(await reserve('+34600000001', 0)).toEqual({ ok: true });
      expect(await reserve('+34600000002', 1000)).toEqual({ ok: true });
      // A second template to someone already in a conversation costs nothing.
      expect(await reserve('+34600000001', 7000)).toEqual({ ok: true });
      // Two hours later it is a new UTC day, but the budget is still full.
      expect(await reserve('+34600000003', 2 * 3600_000)).toMatchObject({ ok: false, reason: 'budget', resetsAt: new Date(at + 24 * 3600_000) });
      // Once the first conversation is 24 h old its room is free again.
      expect(await reserve('+34600000003', 24 * 3600_000)).toEqual({ ok: true });
      expect(await reserve('+34600000004', 24 * 3600_000 + 500)).toMatchObject({ ok: false, reason: 'budget', resetsAt: new Date(at + 1000 + 24 * 3600_000) });
      await limiter.close();
    });
  });
}

contract('in-process limiter', (s) => createPushLimiter({ ...settings, ...s }));
if (hasRedisServer) contract('Redis limiter', (s) => createPushLimiter({ ...settings, ...s }, redis.url()!));
