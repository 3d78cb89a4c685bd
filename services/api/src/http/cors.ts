import type { CORSOptions } from 'graphql-yoga';

export type ChatSiteOrigins = { any: boolean; origins: string[] };

/**
 * CORS for /graphql, decided per request instead of reflecting every origin with credentials:
 * - the console's origins (CORS_ORIGINS, default PUBLIC_BASE_URL's origin) get credentials;
 * - pages of chat sites (their allowed origins; any origin while a site sets none) get CORS
 *   without credentials: the widget authenticates with a Bearer visitor token, never a cookie,
 *   and a browser then keeps the console's session out of those cross-origin calls;
 * - every other origin gets no CORS headers, so the browser withholds the response.
 * Chat sites change rarely and preflights are frequent: their origins are cached for `ttlMs`.
 */
export function createCorsPolicy(
  loadSiteOrigins: () => Promise<ChatSiteOrigins>,
  consoleOrigins: () => readonly string[],
  ttlMs = 30_000,
): (request: Request) => Promise<CORSOptions> {
  let cached: { at: number; value: Promise<ChatSiteOrigins> } | null = null;
  const siteOrigins = () => {
    const now = Date.now();
    if (!cached || now - cached.at > ttlMs) {
      const value = loadSiteOrigins();
      cached = { at: now, value };
      // A failed read is not remembered: the next request asks again.
      value.catch(() => { if (cached?.value === value) cached = null; });
    }
    return cached.value;
  };
  return async (request) => {
    const origin = request.headers.get('origin');
    if (!origin) return false;
    if (consoleOrigins().includes(origin)) return { origin: [origin], credentials: true };
    // Database trouble must not break the console's own calls: chat sites then get no CORS.
    const sites = await siteOrigins().catch((): ChatSiteOrigins => ({ any: false, origins: [] }));
    if (sites.any || sites.origins.includes(origin)) return { origin: [origin], credentials: false };
    return false;
  };
}

/** `https://host:port` of a URL, as browsers send it in Origin. */
export const originOf = (url: string): string => new URL(url).origin;
