import type { IncomingMessage } from 'node:http';

/**
 * The caller's network address: the socket's peer, or — only when the API runs behind a proxy
 * that sets it (TRUST_PROXY) — the last X-Forwarded-For entry: the one our proxy appended. Earlier
 * entries come from the client (or proxies we know nothing of) and can be forged at will.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    // Repeated headers count as one list, in order (RFC 9110 §5.3).
    const entries = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((e) => e.trim()).filter(Boolean);
    const last = entries.at(-1);
    if (last) return last;
  }
  return req.socket.remoteAddress ?? null;
}
