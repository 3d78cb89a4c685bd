import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createYoga } from 'graphql-yoga';
import type { GraphQLSchema } from 'graphql';
import { authenticate, type ApiServices, type Context } from './context';
import { clientAddress } from './http/client-address';
import { createCorsPolicy, originOf } from './http/cors';
import { webchatOrigins } from '@cc/db/repositories/webchat';
import { handleHealth } from './http/health';
import { createWebHandler } from './http/web';
import { attachWebSocket } from './http/websocket';
import { handleWidget } from './http/widget';
import { handleMedia } from './webhooks/media';
import { twilioNotConfigured } from './webhooks/twilio';

export interface ApiServerOptions {
  schema: GraphQLSchema;
  services: ApiServices;
  /** Built console to serve; absent or missing folder = API only. */
  webDist?: string;
  /** Handles paths the API does not (the Vite dev server in development). */
  fallback?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void;
}

/** One HTTP server: GraphQL at /graphql (HTTP, SSE, WebSocket), /health, then the console. */
export function createApiServer({ schema, services, webDist, fallback }: ApiServerOptions): { server: Server; close(): Promise<void> } {
  let server: Server;
  // Without CORS_ORIGINS: PUBLIC_BASE_URL's origin, else the address this server listens on.
  const consoleOrigins = () => {
    if (services.env.CORS_ORIGINS.length) return services.env.CORS_ORIGINS;
    if (services.env.PUBLIC_BASE_URL) return [originOf(services.env.PUBLIC_BASE_URL)];
    const addr = server?.address();
    return addr && typeof addr === 'object' ? [`http://${services.env.HOST}:${addr.port}`] : [];
  };
  const yoga = createYoga<{ req?: IncomingMessage }, Context>({
    schema,
    cors: createCorsPolicy(() => webchatOrigins(services.db), consoleOrigins),
    plugins: [
      // The CORS answer depends on the Origin: shared caches must keep answers apart.
      { onResponse: ({ response }) => void response.headers.append('vary', 'Origin') },
    ],
    graphqlEndpoint: '/graphql',
    context: async ({ request, req }) => ({
      ...services,
      principal: await authenticate(services, request.headers),
      clientAddress: req ? clientAddress(req, services.env.TRUST_PROXY) : null,
    }),
    // Outside development, unexpected errors reach clients as "Unexpected error." only.
    maskedErrors: services.env.NODE_ENV !== 'development',
    graphiql: services.env.NODE_ENV === 'development',
    landingPage: false,
    logging: services.env.NODE_ENV === 'test' ? false : 'info',
  });
  const web = fallback ?? (webDist ? createWebHandler(webDist) : null);

  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/health') return void handleHealth(services.db, req, res);
    if (path === '/graphql' || path.startsWith('/graphql/')) return void yoga(req, res);
    if (path.startsWith('/webhooks/twilio/') || path === '/webhooks/twilio') {
      return void (services.twilio ? services.twilio.webhooks(req, res, path) : twilioNotConfigured(req, res));
    }
    if (path.startsWith('/media/')) return void handleMedia(services.db, req, res, path);
    if (path === '/widget.js' || path === '/widget.js.map' || path === '/widget-demo') return void handleWidget(req, res, path, webDist);
    if (path.startsWith('/l/')) return void services.push.openLink(req, res, path);
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    };
    if (web) return web(req, res, notFound);
    notFound();
  });
  const wss = attachWebSocket(server, yoga as never);
  return {
    server,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    },
  };
}
