import type { ApiServices } from '../context';
import { TooManyRequestsError } from '../auth/errors';
import type { VisitorClaims } from './visitor-tokens';

/** Counts a public operation against its limit; over it, a typed refusal (nothing done). */
export async function within(deps: Pick<ApiServices, 'rateLimiter' | 'clock'>, key: string, limit: number, windowMs: number): Promise<void> {
  const verdict = await deps.rateLimiter.hit(key, limit, windowMs, deps.clock());
  if (!verdict.ok) throw new TooManyRequestsError(Math.ceil(verdict.retryAfterMs / 1000));
}
export const byVisitor = (v: VisitorClaims) => `${v.siteId}:${v.visitorId}`;
