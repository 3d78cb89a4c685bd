import type { IncomingMessage, Server } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
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
 * authentication and scopes apply. Without it, the console's session cookie is used, but only
 * when the upgrade came from the console's origin (cross-site WebSocket hijacking).
 */
export function attachWebSocket(server: Server, yoga: Yoga, env: ApiEnv): WebSocketServer {
  // A bigger message closes the socket (1009) before it is buffered; subscriptions are small.
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint, maxPayload: env.GRAPHQL_MAX_BODY_BYTES });
  useServer(
    {
      execute: (args) => (args.rootValue as Root).execute(args as ExecutionArgs),
      subscribe: (args) => (args.rootValue as Root).subscribe(args as ExecutionArgs),
      onSubscribe: async (ctx, _id, params) => {
        const auth = ctx.connectionParams?.authorization;
        const request = new Request(`http://localhost${yoga.graphqlEndpoint}`, {
          headers: typeof auth === 'string' ? { authorization: auth } : consoleCookieHeaders(env, ctx.extra.request),
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
        return {
          schema,
          document,
          operationName: params.operationName,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies Root,
        };
      },
    },
    wss,
  );
  return wss;
}

/**
 * The upgrade request's session cookie, as headers of the per-operation request. Browsers send
 * cookies on WebSocket upgrades from any site and no CORS applies, so the Origin is checked here;
 * having checked it, the CSRF header the HTTP path requires is added.
 */
function consoleCookieHeaders(env: ApiEnv, upgrade: IncomingMessage): Record<string, string> {
  const cookie = upgrade.headers.cookie;
  const origin = upgrade.headers.origin ?? null;
  const own = `http://${upgrade.headers.host ?? 'localhost'}`;
  if (!cookie || !readSessionCookie(new Headers({ cookie })) || !isConsoleOrigin(env, origin, own)) return {};
  return { cookie, [csrfHeaderName]: 'websocket' };
}
