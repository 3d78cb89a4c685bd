import { parseCookie, stringifySetCookie } from 'cookie';
import type { Plugin } from 'graphql-yoga';
import type { ApiEnv } from '../env';

/**
 * The console's session: an httpOnly cookie page script cannot read. Integrators keep sending
 * `Authorization: Bearer`; a request that does is never authenticated by the cookie.
 */
export const sessionCookieName = 'cc_session';

/**
 * The header a cookie-authenticated GraphQL request must carry (yoga's name for it). A cross-site
 * page can send the cookie-less simple requests only; a custom header needs a CORS preflight,
 * which this API never grants.
 */
export const csrfHeaderName = 'x-graphql-yoga-csrf';

export function readSessionCookie(headers: Headers): string | undefined {
  const header = headers.get('cookie');
  return (header && parseCookie(header)[sessionCookieName]) || undefined;
}

function secure(env: ApiEnv): boolean {
  return env.PUBLIC_BASE_URL?.startsWith('https:') ?? false;
}

/** Set-Cookie for a fresh session token; lives as long as the token. */
export function sessionCookie(env: ApiEnv, token: string, maxAgeSeconds: number): string {
  return stringifySetCookie({ name: sessionCookieName, value: token, httpOnly: true, sameSite: 'strict', secure: secure(env), path: '/', maxAge: maxAgeSeconds });
}

/** Set-Cookie that deletes the session cookie (logout, or a cookie that no longer authenticates). */
export function clearedSessionCookie(env: ApiEnv): string {
  return stringifySetCookie({ name: sessionCookieName, value: '', httpOnly: true, sameSite: 'strict', secure: secure(env), path: '/', maxAge: 0 });
}

/**
 * Whether `origin` (an Origin header) is the console's: the origin the request was addressed to
 * (same-origin), CORS_ORIGINS, or PUBLIC_BASE_URL's origin (behind a proxy that rewrites Host).
 */
export function isConsoleOrigin(env: ApiEnv, origin: string | null, requestUrl: string): boolean {
  if (!origin) return false;
  if (origin === new URL(requestUrl).origin) return true;
  if (env.CORS_ORIGINS.includes(origin)) return true;
  return env.PUBLIC_BASE_URL !== undefined && origin === new URL(env.PUBLIC_BASE_URL).origin;
}

/**
 * CSRF defence for a request the cookie authenticated: it must carry the CSRF header and, when
 * the browser says where it comes from (it always does on POST), come from the console's origin.
 */
export function cookieRequestAllowed(env: ApiEnv, request: Request): boolean {
  if (!request.headers.has(csrfHeaderName)) return false;
  const origin = request.headers.get('origin');
  return origin === null || isConsoleOrigin(env, origin, request.url);
}

// Set-Cookie values a resolver queued for its request's response (login, logout, password change).
const pending = new WeakMap<Request, string[]>();

/** Queues a Set-Cookie for the response to `request` (no-op without one, e.g. over WebSocket). */
export function queueSetCookie(request: Request | undefined, setCookie: string): void {
  if (!request) return;
  pending.set(request, [...(pending.get(request) ?? []), setCookie]);
}

/** Yoga plugin: writes the queued Set-Cookie headers onto the response. */
export function useSessionCookies(): Plugin {
  return {
    onResponse({ request, response }) {
      for (const value of pending.get(request) ?? []) response.headers.append('set-cookie', value);
      pending.delete(request);
    },
  };
}
