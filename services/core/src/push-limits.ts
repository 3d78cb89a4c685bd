/**
 * Anti-ban pacing of WhatsApp sends (Meta error 131056, Twilio 63018): one message every few
 * seconds to the same person, a per-sender rate, and a daily budget of business-initiated
 * conversations. Pure parts here; the counters live in Redis or in the process (api/push/limits).
 */
export interface PushLimitSettings {
  /** Minimum gap between two messages to one person. */
  spacingMs: number;
  /** Messages per second per sender. */
  perSecond: number;
  /** Business-initiated conversations per day (the sender's tier). */
  dailyBusinessInitiated: number;
}

export type LimitRefusal =
  | { reason: 'spacing'; retryAfterMs: number }
  | { reason: 'rate'; retryAfterMs: number }
  | { reason: 'budget'; limit: number; resetsAt: Date };

/** The budget's day (UTC) and when it resets. */
export function budgetDay(now: Date): { key: string; resetsAt: Date } {
  const key = now.toISOString().slice(0, 10);
  const resetsAt = new Date(`${key}T00:00:00.000Z`);
  resetsAt.setUTCDate(resetsAt.getUTCDate() + 1);
  return { key, resetsAt };
}

/** What is left of the spacing gap after the last send to this person (0 = may send now). */
export function spacingWait(lastSentAt: number | null, now: number, spacingMs: number): number {
  if (lastSentAt === null) return 0;
  return Math.max(0, lastSentAt + spacingMs - now);
}
