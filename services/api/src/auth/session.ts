import type { User } from '@cc/db/tables/users';
import type { Context } from '../context';
import { clearedSessionCookie, queueSetCookie, sessionCookie } from '../http/session-cookie';

/**
 * Signs a session token for the user at their current token version and sets it as the console's
 * httpOnly cookie on the response; returns the token for bearer clients.
 */
export async function startSession(ctx: Context, user: Pick<User, 'id' | 'token_version'>): Promise<string> {
  const token = await ctx.tokens.sign({ userId: user.id, version: user.token_version });
  queueSetCookie(ctx.request, sessionCookie(ctx.env, token, ctx.tokens.ttlSeconds));
  return token;
}

/** Deletes the console's session cookie (the tokens themselves are revoked by the version bump). */
export function endSessionCookie(ctx: Context): void {
  queueSetCookie(ctx.request, clearedSessionCookie(ctx.env));
}
