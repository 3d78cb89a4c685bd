import type { Server } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { YogaServerInstance } from 'graphql-yoga';
import type { ExecutionArgs } from 'graphql';

type Yoga = YogaServerInstance<object, object>;
type Enveloped = ReturnType<Yoga['getEnveloped']>;
interface Root {
  execute: Enveloped['execute'];
  subscribe: Enveloped['subscribe'];
}

/**
 * GraphQL over WebSocket (graphql-ws protocol) on the same path as HTTP; SSE is served by yoga
 * itself. The connection's `authorization` param plays the role of the HTTP header, so the same
 * authentication and scopes apply.
 */
export function attachWebSocket(server: Server, yoga: Yoga): WebSocketServer {
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  useServer(
    {
      execute: (args) => (args.rootValue as Root).execute(args as ExecutionArgs),
      subscribe: (args) => (args.rootValue as Root).subscribe(args as ExecutionArgs),
      onSubscribe: async (ctx, _id, params) => {
        const auth = ctx.connectionParams?.authorization;
        const request = new Request(`http://localhost${yoga.graphqlEndpoint}`, {
          headers: typeof auth === 'string' ? { authorization: auth } : {},
        });
        // The upgrade request carries the client's address (rate limits of public operations).
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({ request, params, req: ctx.extra.request });
        const document = parse(params.query);
        const errors = validate(schema, document);
        if (errors.length) return errors;
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
