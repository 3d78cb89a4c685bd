import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

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
      res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
