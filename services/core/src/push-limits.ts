/**
 * Anti-ban pacing of WhatsApp sends (Meta error 131056, Twilio 63018): one message every few
 * seconds to the same person, a per-sender rate, and a rolling 24 h budget of business-initiated
 * conversations. Pure parts here; the counters live in Redis or in the process (api/push/limits).
 */
export interface PushLimitSettings {
  /** Minimum gap between two messages to one person. */
  spacingMs: number;
  /** Messages per second per sender. */
  perSecond: number;
  /** Business-initiated conversations per rolling 24 h (the sender's tier). */
  dailyBusinessInitiated: number;
}

export type LimitRefusal =
  | { reason: 'spacing'; retryAfterMs: number }
  | { reason: 'rate'; retryAfterMs: number }
  | { reason: 'budget'; limit: number; resetsAt: Date };

/** The window business-initiated conversations are counted over (Meta's tiers: per rolling 24 h). */
export const budgetWindowMs = 24 * 3600_000;

/**
 * The rolling 24 h budget of business-initiated conversations. `opened` holds, per recipient,
 * when their current conversation opened (older entries already dropped). Messaging someone
 * whose conversation is still open costs nothing; a new one needs room, which frees up when the
 * oldest conversation turns 24 h old.
 */
export function budgetCheck(opened: ReadonlyMap<string, number>, to: string, now: number, limit: number): { ok: true; opens: boolean } | { ok: false; resetsAt: Date } {
  if (opened.has(to)) return { ok: true, opens: false };
  if (opened.size < limit) return { ok: true, opens: true };
  let oldest = now;
  for (const at of opened.values()) if (at < oldest) oldest = at;
  return { ok: false, resetsAt: new Date(oldest + budgetWindowMs) };
}

/** Drops the conversations opened 24 h ago or more. */
export function pruneBudget(opened: Map<string, number>, now: number): void {
  for (const [to, at] of opened) if (at + budgetWindowMs <= now) opened.delete(to);
}

/** What is left of the spacing gap after the last send to this person (0 = may send now). */
export function spacingWait(lastSentAt: number | null, now: number, spacingMs: number): number {
  if (lastSentAt === null) return 0;
  return Math.max(0, lastSentAt + spacingMs - now);
}
