import type { IncomingMessage } from 'node:http';

/**
 * The caller's network address: the socket's peer, or — only when the API runs behind a proxy
 * that sets it (TRUST_PROXY) — the first X-Forwarded-For entry, which a client could otherwise forge.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? null;
}
