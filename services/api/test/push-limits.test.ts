import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushLimiter, type PushLimiter } from '../src/push/limits';

// The same contract in the process and in Redis (when redis-server is installed here).
const settings = { spacingMs: 6000, perSecond: 3, dailyBusinessInitiated: 2 };
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
let redis: ChildProcess | undefined;
let redisUrl: string | undefined;

beforeAll(async () => {
  const port = await new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });
  if (!hasRedisServer) return;
  try {
    redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await new Promise<void>((ok, fail) => {
      redis!.once('error', fail);
      setTimeout(ok, 300);
    });
    redisUrl = `redis://127.0.0.1:${port}`;
  } catch {
    redis = undefined;
  }
});
afterAll(() => void redis?.kill());

function contract(name: string, make: () => PushLimiter) {
  describe(name, () => {
    it('spaces messages to one person, limits the sender per second, and budgets business-initiated sends per day', async () => {
      const limiter = make();
      const sender = `whatsapp:+3491${Math.floor(Math.random() * 1e7)}`;
      const at = new Date('2026-11-23T10:00:00.100Z');
      expect(await limiter.reserve({ sender, to: '+34600000001', businessInitiated: true, now: at })).toEqual({ ok: true });
      const again = await limiter.reserve({ sender, to: '+34600000001', businessInitiated: false, now: new Date(at.getTime() + 1000) });
      expect(again).toMatchObject({ ok: false, reason: 'spacing' });
      expect((again as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
      expect((again as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(6000);
      expect(await limiter.reserve({ sender, to: '+34600000002', businessInitiated: true, now: at })).toEqual({ ok: true });
      // The day's budget (2) is used: a third business-initiated send is refused, a reply is not.
      expect(await limiter.reserve({ sender, to: '+34600000003', businessInitiated: true, now: at })).toMatchObject({ ok: false, reason: 'budget', limit: 2, resetsAt: new Date('2026-11-24T00:00:00Z') });
      expect(await limiter.reserve({ sender, to: '+34600000003', businessInitiated: false, now: at })).toEqual({ ok: true });
      // 3 per second: the fourth in the same second waits.
      expect(await limiter.reserve({ sender, to: '+34600000004', businessInitiated: false, now: at })).toMatchObject({ ok: false, reason: 'rate' });
      await limiter.close();
    });
  });
}

contract('in-process limiter', () => createPushLimiter(settings));
if (hasRedisServer) contract('Redis limiter', () => createPushLimiter(settings, redisUrl!));
