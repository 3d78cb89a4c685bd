import type { IncomingMessage } from 'node:http';

/** A Node request's headers as a fetch `Headers` (what `authenticate` and the cookie readers take). */
export function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  }
  return headers;
}
