import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import getRawBody from 'raw-body';

/** Bytes a GraphQL POST may carry: `small` for everyone, `large` (push uploads) for signed-in users. */
export interface BodyCaps {
  small: number;
  large: number;
  /** Whether the request's credentials are a signed-in user's; asked only for bodies over `small`. */
  isUser(req: IncomingMessage): Promise<boolean>;
}

/**
 * Reads a GraphQL POST body up to its cap and leaves it on `req.body`, where yoga's Node adapter
 * takes it instead of the stream. Over the cap: 413 (JSON, as GraphQL clients expect), false, and
 * the rest of the body is discarded as it arrives rather than kept. Other read failures (client
 * gone, length mismatch): their 4xx, false.
 */
export async function readGraphqlBody(req: IncomingMessage & { body?: unknown }, res: ServerResponse, caps: BodyCaps): Promise<boolean> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  // A body that may be larger than the common cap (declared so, or of unknown length) gets the
  // upload cap only when its credentials already check out — before any of it is read.
  const limit = declared <= caps.small || !(await caps.isUser(req).catch(() => false)) ? caps.small : caps.large;
  let body: Buffer;
  try {
    body = await getRawBody(req, { limit, length: Number.isFinite(declared) ? declared : null });
  } catch (e) {
    const err = e as Partial<getRawBody.RawBodyError>;
    req.resume();
    if (err.type === 'request.aborted' || res.headersSent) return false;
    const tooLarge = err.type === 'entity.too.large';
    const message = tooLarge ? `The request body is larger than the ${limit} bytes accepted.` : 'The request body could not be read.';
    res.writeHead(tooLarge ? 413 : 400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ errors: [{ message, extensions: { code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } }] }));
    return false;
  }
  // A stream rather than the Buffer: the adapter tests `Object.keys(body)`, which on a Buffer would
  // list every byte's index.
  req.body = Readable.from([body]);
  return true;
}
