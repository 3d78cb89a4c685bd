import { createHash } from 'node:crypto';
import type { ApiEnv } from '../env';
import type { RateLimiter } from '../rate-limit';

export interface LoginLimitDeps {
  rateLimiter: RateLimiter;
  env: Pick<ApiEnv, 'LOGIN_FAILURES_PER_ACCOUNT' | 'LOGIN_FAILURES_PER_ADDRESS' | 'LOGIN_WINDOW_MINUTES'>;
  clock: () => Date;
}

export type LoginAttempt = { ok: true; succeeded(): Promise<void> } | { ok: false; retryAfterSeconds: number };

/**
 * Books one sign-in attempt against the account's and the address's failure budgets before the
 * password is checked, so throttled attempts never reach argon2 and concurrent guesses cannot
 * overrun a budget. A successful sign-in gives its booking back: only failures use the budgets, so
 * an office of agents behind one address signs in freely while guessing stays bounded.
 */
export async function bookLoginAttempt(deps: LoginLimitDeps, email: string, address: string | null): Promise<LoginAttempt> {
  const windowMs = deps.env.LOGIN_WINDOW_MINUTES * 60_000;
  const now = deps.clock();
  // Hashed: no addresses of people in Redis keys.
  const accountKey = `login-account:${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url')}`;
  const addressKey = `login-address:${address ?? 'unknown'}`;

  const byAddress = await deps.rateLimiter.hit(addressKey, deps.env.LOGIN_FAILURES_PER_ADDRESS, windowMs, now);
  if (!byAddress.ok) return refused(byAddress.retryAfterMs);
  const byAccount = await deps.rateLimiter.hit(accountKey, deps.env.LOGIN_FAILURES_PER_ACCOUNT, windowMs, now);
  if (!byAccount.ok) {
    // The address did not get to guess; its booking is not a failure.
    await deps.rateLimiter.undo(addressKey);
    return refused(byAccount.retryAfterMs);
  }
  return {
    ok: true,
    succeeded: async () => {
      await Promise.all([deps.rateLimiter.undo(addressKey), deps.rateLimiter.undo(accountKey)]);
    },
  };
}

function refused(retryAfterMs: number): LoginAttempt {
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}
