import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The console runs only its own bundled script: no inline or injected script, no plugins, never
 * framed. Connections: this origin (GraphQL over HTTP, SSE, WebSocket) and Twilio's Voice SDK
 * (signalling over wss, its ringtones from sdk.twilio.com). Styles allow inline attributes (Vue's
 * :style bindings); script is what an attacker needs, and it has none. Co-browsing replays the
 * customer's page in a sandboxed about:blank iframe, which inherits this policy: its scripts never
 * run (script-src stays 'self', and rrweb drops them), its stylesheets arrive inlined, and its
 * images load from the customer's site — hence img-src https:.
 */
export const consoleContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "media-src 'self' blob: https://sdk.twilio.com",
  "font-src 'self' data:",
  "connect-src 'self' https://*.twilio.com wss://*.twilio.com",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built console from `distDir`, with `index.html` for client-side routes. Hashed assets
 * are cached for a year; index.html is revalidated so a deploy is seen at once.
 */
export function createWebHandler(distDir: string): Handler | null {
  if (!existsSync(distDir)) return null;
  return sirv(distDir, {
    single: true,
    etag: true,
    gzip: false,
    setHeaders: (res, pathname) => {
      res.setHeader('content-security-policy', consoleContentSecurityPolicy);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'same-origin');
      res.setHeader('x-frame-options', 'DENY');
      res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
