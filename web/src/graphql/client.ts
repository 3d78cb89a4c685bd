import { Client, cacheExchange, fetchExchange, mapExchange, type CombinedError } from '@urql/core';
import { clearSession, currentToken } from '../composables/useSession';

export interface AppClientOptions {
  /** The UI language, sent as Accept-Language so the API can localise its error messages. */
  locale?: () => string;
  url?: string;
}

/** True when the API rejected our bearer token (HTTP 401 or an UNAUTHENTICATED GraphQL error). */
export function isUnauthenticated(error: CombinedError): boolean {
  if ((error.response as { status?: number } | undefined)?.status === 401) return true;
  return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

export function createAppClient({ locale, url = '/graphql' }: AppClientOptions = {}): Client {
  return new Client({
    url,
    preferGetMethod: false,
    exchanges: [
      mapExchange({
        onError(error) {
          // A stale or revoked token: drop it; the app then routes back to the login page.
          if (currentToken() && isUnauthenticated(error)) clearSession();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
    fetchOptions: () => {
      const headers: Record<string, string> = {};
      const token = currentToken();
      if (token) headers.authorization = `Bearer ${token}`;
      const language = locale?.();
      if (language) headers['accept-language'] = language;
      return { headers };
    },
  });
}
