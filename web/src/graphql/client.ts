import {
  Client,
  cacheExchange,
  fetchExchange,
  mapExchange,
  subscriptionExchange,
  type CombinedError,
  type Exchange,
} from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { clearSession, currentUserId, hasSession } from '../composables/useSession';

export interface AppClientOptions {
  /** The UI language, sent as Accept-Language so the API can localise its error messages. */
  locale?: () => string;
  url?: string;
  /**
   * Where live updates come from: a graphql-ws URL (default: ws(s)://<this host>/graphql in a
   * browser), or `false` for no subscriptions (unit tests, server-side use).
   */
  subscriptionUrl?: string | false;
}

/** True when the API refused our session (HTTP 401 or an UNAUTHENTICATED GraphQL error). */
export function isUnauthenticated(error: CombinedError): boolean {
  if ((error.response as { status?: number } | undefined)?.status === 401) return true;
  return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

function defaultSubscriptionUrl(path: string): string | false {
  if (typeof window === 'undefined' || typeof WebSocket === 'undefined') return false;
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${path}`;
}

/**
 * The header the API requires on requests its session cookie authenticates (CSRF): a page of
 * another site cannot send it without a CORS preflight, which the API does not grant.
 */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/**
 * Subscriptions share one WebSocket (graphql-ws) instead of one long-lived HTTP request each:
 * a console holds several at once, and browsers allow only six HTTP/1.1 connections per host.
 * The socket opens with the first subscription and closes shortly after the last one. The
 * browser sends the session cookie with the upgrade (the API checks its Origin); a socket opened
 * for someone else is replaced, so signing in as another person takes effect.
 */
function createSubscriptionExchange(url: string): { exchange: Exchange; ws: WsClient } {
  let userAtConnect: string | null = null;
  const ws = createWsClient({
    url,
    lazy: true,
    lazyCloseTimeout: 1_000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    connectionParams: () => {
      userAtConnect = currentUserId();
      return {};
    },
  });
  const exchange = subscriptionExchange({
    forwardSubscription(request) {
      // A socket opened for another session must not carry this one's subscriptions.
      if (userAtConnect !== null && userAtConnect !== currentUserId()) void ws.terminate();
      const input = { ...request, query: request.query ?? '' };
      return {
        subscribe(sink) {
          const unsubscribe = ws.subscribe(input, sink);
          return { unsubscribe };
        },
      };
    },
  });
  return { exchange, ws };
}

export function createAppClient({ locale, url = '/graphql', subscriptionUrl }: AppClientOptions = {}): Client {
  const wsUrl = subscriptionUrl === undefined ? defaultSubscriptionUrl(url) : subscriptionUrl;
  const live = wsUrl ? [createSubscriptionExchange(wsUrl).exchange] : [];
  return new Client({
    url,
    preferGetMethod: false,
    exchanges: [
      mapExchange({
        onError(error) {
          // The session ended (logout elsewhere, password change, disabled): forget it; the app
          // then routes back to the login page.
          if (hasSession() && isUnauthenticated(error)) clearSession();
        },
      }),
      cacheExchange,
      ...live,
      fetchExchange,
    ],
    fetchOptions: () => {
      const headers: Record<string, string> = { [CSRF_HEADER]: '1' };
      const language = locale?.();
      if (language) headers['accept-language'] = language;
      // The session is the httpOnly cookie; `include` also sends it to an API on another origin
      // of the same site (CORS_ORIGINS).
      return { headers, credentials: 'include' };
    },
  });
}
