import { randomUUID } from 'node:crypto';
import { handleReportCsv } from './http/reports-csv';
import { handleTranscript } from './http/transcripts';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { logger, withLogContext } from '@cc/core/logger';
import { createYoga } from 'graphql-yoga';
import type { GraphQLSchema } from 'graphql';
import { GraphQLError } from 'graphql';
import { authenticate, authenticateRequest, type ApiServices, type Context } from './context';
import { clientAddress } from './http/client-address';
import { readGraphqlBody, type BodyCaps } from './http/graphql-body';
import { graphqlLimitPlugins } from './http/graphql-limits';
import { createCorsPolicy, originOf } from './http/cors';
import { webchatOrigins } from '@cc/db/repositories/webchat';
import { handleHealth, handleReady, type ReadinessChecks } from './http/health';
import { clearedSessionCookie, cookieRequestAllowed, csrfHeaderName, queueSetCookie, useSessionCookies } from './http/session-cookie';
import { createWebHandler } from './http/web';
import { attachWebSocket } from './http/websocket';
import { cobrowseSocketPath, createCobrowseSocket } from './http/cobrowse-socket';
import { routeUpgrades } from './http/upgrades';
import { handleWidget, scripts as widgetScripts } from './http/widget';
import { handleMedia } from './webhooks/media';
import { requestHeaders } from './http/request-headers';
import { handleCampaignResults, isCampaignResultsPath } from './campaigns/results-csv';
import { handleExportDownload } from './privacy/exports';
import { twilioNotConfigured } from './webhooks/twilio';

export interface ApiServerOptions {
  schema: GraphQLSchema;
  services: ApiServices;
  /** Built console to serve; absent or missing folder = API only. */
  webDist?: string;
  /** Handles paths the API does not (the Vite dev server in development). */
  fallback?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void;
  /** What `/ready` reports (database, Temporal, Redis, SMTP). */
  readiness: ReadinessChecks;
  /**
   * The HTTP server to serve on, created (not yet listening) before the services, whose public URL
   * is read from its address (see listeningUrl). Default: a new one.
   */
  server?: Server;
}

/** `http://HOST:port` of a listening server; null before it listens. */
export function listeningUrl(server: Server, host: string): string | null {
  const addr = server.address();
  return addr && typeof addr === 'object' ? `http://${host}:${addr.port}` : null;
}

/** One HTTP server: GraphQL at /graphql (HTTP, SSE, WebSocket), /health and /ready, then the console. */
export function createApiServer({ schema, services, webDist, fallback, readiness, server = createServer() }: ApiServerOptions): { server: Server; close(): Promise<void> } {
  // Without CORS_ORIGINS: PUBLIC_BASE_URL's origin, else the address this server listens on.
  const consoleOrigins = () => {
    if (services.env.CORS_ORIGINS.length) return services.env.CORS_ORIGINS;
    if (services.env.PUBLIC_BASE_URL) return [originOf(services.env.PUBLIC_BASE_URL)];
    const url = listeningUrl(server, services.env.HOST);
    return url ? [url] : [];
  };
  const yoga = createYoga<{ req?: IncomingMessage }, Context>({
    schema,
    cors: createCorsPolicy(() => webchatOrigins(services.db), consoleOrigins),
    plugins: [
      // The CORS answer depends on the Origin: shared caches must keep answers apart.
      { onResponse: ({ response }) => void response.headers.append('vary', 'Origin') },
      // Set-Cookie of the console's session (login, logout, password change).
      useSessionCookies(),
      // Depth, aliases, cost, tokens, directives, one `login`, introspection: refused before execution.
      ...graphqlLimitPlugins(services.env),
    ],
    graphqlEndpoint: '/graphql',
    context: async ({ request, req }) => ({
      ...services,
      principal: await requestPrincipal(services, request),
      clientAddress: req ? clientAddress(req, services.env.TRUST_PROXY) : null,
    }),
    // Outside development, unexpected errors reach clients as "Unexpected error." only.
    maskedErrors: services.env.NODE_ENV !== 'development',
    // Same origin as the console: with its session cookie, GraphiQL sends the CSRF header too.
    graphiql: services.env.NODE_ENV === 'development' && { headers: JSON.stringify({ [csrfHeaderName]: '1' }) },
    landingPage: false,
    // Unexpected (masked) errors, one JSON line each, with the request's id (see requestIdOf).
    logging: logger({ component: 'graphql' }),
  });
  // Bodies are capped before yoga reads them; only signed-in users (push uploads) get the larger cap.
  const bodyCaps: BodyCaps = {
    small: services.env.GRAPHQL_MAX_BODY_BYTES,
    large: services.env.GRAPHQL_MAX_UPLOAD_BODY_BYTES,
    isUser: async (req) => (await authenticate(services, requestHeaders(req))).kind === 'user',
  };
  const serveGraphql = async (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    if (req.method === 'POST' && !(await readGraphqlBody(req, res, bodyCaps))) return;
    await yoga(req, res);
  };
  const web = fallback ?? (webDist ? createWebHandler(webDist) : null);

  server.on('request', (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    withLogContext({ requestId }, () => route(req, res));
  });
  const route = (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/health') return handleHealth(req, res);
    if (path === '/ready') return void handleReady(readiness, req, res);
    if (path === '/graphql' || path.startsWith('/graphql/')) return void serveGraphql(req, res);
    if (path.startsWith('/webhooks/twilio/') || path === '/webhooks/twilio') {
      return void (services.twilio ? services.twilio.webhooks(req, res, path) : twilioNotConfigured(req, res));
    }
    if (path.startsWith('/media/')) return void handleMedia(services, req, res, path);
    if (path.startsWith('/reports/')) return void handleReportCsv(services, req, res, path, requestHeaders(req));
    if (path.startsWith('/archive/transcripts/')) return void handleTranscript(services, req, res, path, requestHeaders(req));
    if (path.startsWith('/exports/')) return void handleExportDownload(services.privacy, req, res, path, clientAddress(req, services.env.TRUST_PROXY));
    if (widgetScripts.has(path) || path === '/widget-demo') return void handleWidget(req, res, path, webDist);
    if (path.startsWith('/l/')) return void services.push.openLink(req, res, path);
    if (isCampaignResultsPath(path)) return void handleCampaignResults(services, req, res, path);
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    };
    if (web) return web(req, res, notFound);
    notFound();
  };
  const wss = attachWebSocket(yoga as never, services.env);
  const cobrowseWss = createCobrowseSocket(services);
  routeUpgrades(server, { [yoga.graphqlEndpoint]: wss, [cobrowseSocketPath]: cobrowseWss });
  return {
    server,
    close: async () => {
      for (const socketServer of [wss, cobrowseWss]) {
        for (const client of socketServer.clients) client.terminate();
        socketServer.close();
      }
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * The caller of one GraphQL request. A request the console's cookie authenticates must pass the
 * CSRF checks (header, Origin) or is refused with 403; a cookie that no longer authenticates is
 * deleted from the browser and the request runs anonymously.
 */
async function requestPrincipal(services: ApiServices, request: Request): Promise<Context['principal']> {
  const { principal, cookie } = await authenticateRequest(services, request.headers);
  if (cookie === 'stale') queueSetCookie(request, clearedSessionCookie(services.env));
  if (cookie === 'valid' && !cookieRequestAllowed(services.env, request)) {
    throw new GraphQLError(`A request signed in by the session cookie must come from the console and send the ${csrfHeaderName} header.`, {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
  return principal;
}

/**
 * Every line logged while handling a request carries its id: the caller's X-Request-Id (a proxy's,
 * when it looks like one), Twilio's idempotency token on its webhooks, else a new one. Answered
 * back in X-Request-Id.
 */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'] ?? req.headers['i-twilio-idempotency-token'];
  const id = Array.isArray(given) ? given[0] : given;
  return id && /^[\w.:-]{8,128}$/.test(id) ? id : randomUUID();
}
