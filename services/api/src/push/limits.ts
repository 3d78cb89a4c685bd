import { Redis } from 'ioredis';
import { DailyBudgetExhaustedError, PacingUnavailableError, PushTooSoonError, SenderRateLimitedError } from './errors';
import { watchRedis } from '../redis-watch';
import { budgetCheck, budgetWindowMs, pruneBudget, spacingWait, type LimitRefusal, type PushLimitSettings } from '@cc/core/push-limits';
import { logger } from '@cc/core/logger';

/**
 * Pacing shared by every sender of WhatsApp messages (agents' pushes, automations, later
 * campaigns): a reservation is taken just before a message is handed to the workflow. Redis when
 * REDIS_URL is set (all replicas and workers share it), the process otherwise.
 */
export interface PushLimiter {
  /**
   * Reserves one message to `to` from `sender`; `businessInitiated` also opens a conversation from
   * the rolling 24 h budget. Throws PacingUnavailableError while the shared store does not answer.
   */
  reserve(req: { sender: string; to: string; businessInitiated: boolean; now: Date }): Promise<{ ok: true } | ({ ok: false } & LimitRefusal)>;
  close(): Promise<void>;
}

/** What `pace` throws: the refusals every paced send lists in its GraphQL result. */
export const paceRefusals = [PushTooSoonError, SenderRateLimitedError, DailyBudgetExhaustedError, PacingUnavailableError] as const;

/** Takes a reservation or throws the typed refusal that says how long to wait (nothing is sent). */
export async function pace(limiter: PushLimiter, req: Parameters<PushLimiter['reserve']>[0]): Promise<void> {
  const limited = await limiter.reserve(req);
  if (limited.ok) return;
  if (limited.reason === 'spacing') throw new PushTooSoonError(Math.ceil(limited.retryAfterMs / 1000));
  if (limited.reason === 'rate') throw new SenderRateLimitedError(Math.ceil(limited.retryAfterMs / 1000));
  throw new DailyBudgetExhaustedError(limited.limit, limited.resetsAt);
}

export function createPushLimiter(settings: PushLimitSettings, redisUrl?: string, keyPrefix = 'cc'): PushLimiter {
  return redisUrl ? redisLimiter(settings, redisUrl, keyPrefix) : memoryLimiter(settings);
}

function memoryLimiter(settings: PushLimitSettings): PushLimiter {
  const lastTo = new Map<string, number>();
  const perSecond = new Map<string, { second: number; count: number }>();
  const budgets = new Map<string, Map<string, number>>();
  return {
    reserve: async ({ sender, to, businessInitiated, now }) => {
      const t = now.getTime();
      const wait = spacingWait(lastTo.get(`${sender}|${to}`) ?? null, t, settings.spacingMs);
      if (wait > 0) return { ok: false, reason: 'spacing', retryAfterMs: wait };
      const second = Math.floor(t / 1000);
      const rate = perSecond.get(sender);
      const count = rate?.second === second ? rate.count : 0;
      if (count >= settings.perSecond) return { ok: false, reason: 'rate', retryAfterMs: (second + 1) * 1000 - t };
      const opened = budgets.get(sender) ?? new Map<string, number>();
      budgets.set(sender, opened);
      if (businessInitiated) {
        pruneBudget(opened, t);
        const budget = budgetCheck(opened, to, t, settings.dailyBusinessInitiated);
        if (!budget.ok) return { ok: false, reason: 'budget', limit: settings.dailyBusinessInitiated, resetsAt: budget.resetsAt };
        if (budget.opens) opened.set(to, t);
      }
      lastTo.set(`${sender}|${to}`, t);
      perSecond.set(sender, { second, count: count + 1 });
      if (lastTo.size > 100_000) for (const [k, v] of lastTo) if (v + settings.spacingMs < t) lastTo.delete(k);
      return { ok: true };
    },
    close: async () => {},
  };
}

// One round trip, atomic: spacing (SET NX PX), then the per-second counter, then the rolling
// 24 h budget (a sorted set of recipients scored by when their conversation opened); a refusal at
// a later step gives back what the earlier steps took. The budget refusal returns when the oldest
// conversation turns 24 h old (when room frees up).
const reserveScript = `
local spacing = tonumber(ARGV[1])
local perSecond = tonumber(ARGV[2])
local budget = tonumber(ARGV[3])
local businessInitiated = ARGV[4] == '1'
local now = tonumber(ARGV[5])
local window = tonumber(ARGV[6])
local to = ARGV[7]
if spacing > 0 and not redis.call('SET', KEYS[1], '1', 'PX', spacing, 'NX') then
  return {'spacing', redis.call('PTTL', KEYS[1])}
end
local n = redis.call('INCR', KEYS[2])
if n == 1 then redis.call('PEXPIRE', KEYS[2], 2000) end
if n > perSecond then
  redis.call('DECR', KEYS[2])
  if spacing > 0 then redis.call('DEL', KEYS[1]) end
  return {'rate', 1000}
end
if businessInitiated then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - window)
  if not redis.call('ZSCORE', KEYS[3], to) then
    if redis.call('ZCARD', KEYS[3]) >= budget then
      redis.call('DECR', KEYS[2])
      if spacing > 0 then redis.call('DEL', KEYS[1]) end
      local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
      return {'budget', tostring(tonumber(oldest[2]) + window)}
    end
    redis.call('ZADD', KEYS[3], now, to)
    redis.call('PEXPIRE', KEYS[3], window)
  end
end
return {'ok', 0}
`;

/** How long a sender is told to wait while Redis is away (ioredis reconnects every ≤ 2 s). */
const pacingRetrySeconds = 5;

function redisLimiter(settings: PushLimitSettings, url: string, prefix: string): PushLimiter {
  // Fail closed and fast: a bounded wait for an answer (commandTimeout); a send refused with a
  // retryable error never risks breaking WhatsApp's limits (the replicas' counters live here). The
  // offline queue stays on so the first commands, sent while the client is still connecting at
  // start-up, wait for the connection instead of failing; commandTimeout still bounds them.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 2000 });
  watchRedis(redis, 'WhatsApp pacing', (line) => logger({ component: 'push-pacing' }).warn(line));
  const evalReserve = async (...args: Parameters<typeof redis.eval>) => {
    try {
      return await redis.eval(...args);
    } catch {
      throw new PacingUnavailableError(pacingRetrySeconds);
    }
  };
  return {
    reserve: async ({ sender, to, businessInitiated, now }) => {
      const t = now.getTime();
      const second = Math.floor(t / 1000);
      const [verdict, value] = (await evalReserve(
        reserveScript,
        3,
        `${prefix}:push:spacing:${sender}:${to}`,
        `${prefix}:push:rate:${sender}:${second}`,
        `${prefix}:push:conversations:${sender}`,
        String(Math.round(settings.spacingMs)),
        String(settings.perSecond),
        String(settings.dailyBusinessInitiated),
        businessInitiated ? '1' : '0',
        String(t),
        String(budgetWindowMs),
        to,
      )) as [string, number | string];
      if (verdict === 'spacing') return { ok: false, reason: 'spacing', retryAfterMs: Math.max(1, Number(value)) };
      if (verdict === 'rate') return { ok: false, reason: 'rate', retryAfterMs: (second + 1) * 1000 - t };
      if (verdict === 'budget') return { ok: false, reason: 'budget', limit: settings.dailyBusinessInitiated, resetsAt: new Date(Number(value)) };
      return { ok: true };
    },
    close: async () => void redis.disconnect(),
  };
}
