import { createClient as createSocketClient, type Client as SocketClient } from 'graphql-ws';
import { UnauthenticatedError, type GraphQLClient } from '../api';

/** After the socket failed, batches go over HTTP this long before the socket is tried again. */
const SOCKET_RETRY_MS = 30_000;
/** An idle socket is closed after this long (a page with nothing changing sends nothing). */
const SOCKET_IDLE_MS = 60_000;

type Result<T> = { data?: T | null; errors?: readonly { message: string; extensions?: { code?: string } }[] };

/**
 * The event batches' way to the API: one WebSocket (graphql-ws, the API's own /graphql endpoint)
 * kept open while sharing — no request per batch — with the session's token in connectionParams
 * and the page's Origin on the upgrade (the token is bound to it). Where the socket cannot open
 * or breaks (a proxy, an old browser), the batch goes by HTTP POST, as before, and the socket is
 * tried again later. A batch the socket may have delivered before it broke is sent again over
 * HTTP with the same seq: the API drops the repeat (accepted: false), never delivers it twice.
 */
export function createBatchTransport(graphqlUrl: string, token: () => string | null, http: GraphQLClient) {
  let socket: { client: SocketClient; token: string } | null = null;
  let socketBrokenUntil = 0;
  const socketUrl = graphqlUrl.replace(/^http/, 'ws');

  function open(current: string): SocketClient {
    // A new session's token needs a new socket (connectionParams are sent once).
    if (socket && socket.token !== current) close();
    socket ??= {
      token: current,
      client: createSocketClient({ url: socketUrl, lazy: true, lazyCloseTimeout: SOCKET_IDLE_MS, retryAttempts: 0, connectionParams: { authorization: `Bearer ${current}` } }),
    };
    return socket.client;
  }
  function close() {
    void socket?.client.dispose();
    socket = null;
  }

  function overSocket<T>(client: SocketClient, query: string, variables: Record<string, unknown>): Promise<Result<T>> {
    return new Promise((ok, fail) => {
      let result: Result<T> | undefined;
      client.subscribe<T>(
        { query, variables },
        {
          next: (r) => void (result = r as Result<T>),
          // GraphQL errors (a list) are an answer; anything else is the socket failing.
          error: (e) => (Array.isArray(e) ? ok({ errors: e as Result<T>['errors'] }) : fail(e)),
          complete: () => (result ? ok(result) : fail(new Error('no result'))),
        },
      );
    });
  }

  return {
    async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
      const current = token();
      if (current && typeof WebSocket !== 'undefined' && Date.now() >= socketBrokenUntil) {
        let result: Result<T> | null = null;
        try {
          result = await overSocket<T>(open(current), query, variables);
        } catch {
          socketBrokenUntil = Date.now() + SOCKET_RETRY_MS;
          close();
        }
        if (result) {
          if (result.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) throw new UnauthenticatedError(result.errors[0]!.message);
          if (result.data) return result.data;
          throw new Error(result.errors?.[0]?.message ?? 'no data');
        }
      }
      return http.request<T>(query, variables);
    },
    close,
  };
}
