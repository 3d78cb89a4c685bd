import type { IncomingMessage } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { ApiEnv } from '../env';
import { csrfHeaderName, isConsoleOrigin, readSessionCookie } from './session-cookie';

type Yoga = YogaServerInstance<object, object>;
type Enveloped = ReturnType<Yoga['getEnveloped']>;
interface Root {
  execute: Enveloped['execute'];
  subscribe: Enveloped['subscribe'];
}

/**
 * GraphQL over WebSocket (graphql-ws protocol) on the same path as HTTP; SSE is served by yoga
 * itself. The connection's `authorization` param plays the role of the HTTP header, so the same
 * authentication and scopes apply; mutations too (any operation a token may run). Without it, the console's session cookie is used, but only
 * when the upgrade came from the console's origin (cross-site WebSocket hijacking).
 */
export function attachWebSocket(yoga: Yoga, env: ApiEnv): WebSocketServer {
  // A bigger message closes the socket (1009) before it is buffered; subscriptions are small.
  // Upgrades reach it through routeUpgrades (upgrades.ts), beside the co-browse live socket.
  const wss = new WebSocketServer({ noServer: true, maxPayload: env.GRAPHQL_MAX_BODY_BYTES });
  const endpoint = `http://localhost${yoga.graphqlEndpoint}`;
  // Sockets whose caller was signed in (session or key), and who that was.
  const signedIn = new Map<WebSocket, { headers: Headers; req: IncomingMessage; who: string }>();
  useServer(
    {
      execute: (args) => (args.rootValue as Root).execute(args as ExecutionArgs),
      subscribe: (args) => (args.rootValue as Root).subscribe(args as ExecutionArgs),
      onSubscribe: async (ctx, _id, params) => {
        const auth = ctx.connectionParams?.authorization;
        // The page's Origin (from the upgrade) goes with a token: the co-browse widget's token is
        // bound to the origin it was issued to, checked per operation as over HTTP.
        const origin = ctx.extra.request.headers.origin;
        // POST: yoga refuses mutations from a GET (a link's request); a socket's message is no link.
        // yoga's own Request, several times cheaper to build than Node's, per message.
        const request = new yoga.fetchAPI.Request(endpoint, {
          method: 'POST',
          headers: typeof auth === 'string' ? { authorization: auth, ...(origin ? { origin } : {}) } : consoleCookieHeaders(env, ctx.extra.request),
        });
        // The upgrade request carries the client's address (rate limits of public operations).
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({ request, params, req: ctx.extra.request });
        // The limit plugins (graphql-limits.ts) throw from parse and validate: answer as over HTTP.
        let document: ReturnType<typeof parse>;
        try {
          document = parse(params.query);
          const errors = validate(schema, document);
          if (errors.length) return errors;
        } catch (e) {
          if (e instanceof GraphQLError) return [e];
          throw e;
        }
        const contextValue = await contextFactory();
        const who = callerOf(contextValue);
        if (who !== anonymous) signedIn.set(ctx.extra.socket, { headers: request.headers, req: ctx.extra.request, who });
        return {
          schema,
          document,
          operationName: params.operationName,
          variableValues: params.variables,
          contextValue,
          rootValue: { execute, subscribe } satisfies Root,
        };
      },
    },
    wss,
  );
  // A session can end while its socket stays open (logout, password change, disabled, demoted, key
  // revoked). Every SESSION_STATE_CACHE_SECONDS (at least 1 s) each signed-in socket's credential
  // is checked again; a socket whose caller is no longer who it was is closed (4401), and the
  // client reconnects as whoever it now is.
  const recheck = setInterval(() => {
    for (const [socket, s] of signedIn) {
      if (socket.readyState !== socket.OPEN) {
        signedIn.delete(socket);
        continue;
      }
      void Promise.resolve()
        .then(() => yoga.getEnveloped({ request: new yoga.fetchAPI.Request(endpoint, { headers: s.headers }), req: s.req }).contextFactory())
        .then(callerOf, () => 'refused')
        .then((now) => {
          if (now === s.who || signedIn.get(socket) !== s) return;
          signedIn.delete(socket);
          socket.close(4401, 'Unauthorized');
        });
    }
  }, Math.max(1, env.SESSION_STATE_CACHE_SECONDS) * 1000);
  recheck.unref();
  wss.on('close', () => clearInterval(recheck));
  return wss;
}

const anonymous = JSON.stringify({ kind: 'anonymous' });
/** Who a context's principal is, comparable across checks (the role included). */
const callerOf = (context: unknown): string => JSON.stringify((context as { principal?: unknown }).principal ?? { kind: 'anonymous' });

/**
 * The upgrade request's session cookie, as headers of the per-operation request. Browsers send
 * cookies on WebSocket upgrades from any site and no CORS applies, so the Origin is checked here;
 * having checked it, the CSRF header the HTTP path requires is added.
 */
export function consoleCookieHeaders(env: ApiEnv, upgrade: IncomingMessage): Record<string, string> {
  const cookie = upgrade.headers.cookie;
  const origin = upgrade.headers.origin ?? null;
  const own = `http://${upgrade.headers.host ?? 'localhost'}`;
  if (!cookie || !readSessionCookie(new Headers({ cookie })) || !isConsoleOrigin(env, origin, own)) return {};
  return { cookie, [csrfHeaderName]: 'websocket' };
}
