import type { IncomingMessage, ServerResponse } from 'node:http';

/** A refused webhook: the status and one sentence saying why. */
export class WebhookRefusal extends Error {
  constructor(readonly status: number, reason: string) {
    super(reason);
  }
}

/** Reads the body, refusing more than `maxBytes` (by Content-Length at once, else while streaming). */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    req.resume();
    throw new WebhookRefusal(413, `the body is ${declared} bytes; at most ${maxBytes} are accepted`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      req.resume();
      throw new WebhookRefusal(413, `the body is larger than the ${maxBytes} bytes accepted`);
    }
    chunks.push(chunk);
  }
  const buffer = Buffer.concat(chunks);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  return text;
}

export function replyText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text.endsWith('\n') ? text : `${text}\n`);
}

export function replyTwiml(res: ServerResponse, twiml: string): void {
  res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'cache-control': 'no-store' });
  res.end(twiml);
}

/** The URL Twilio requested, as it signed it: the public base URL (behind a proxy) plus the path and query. */
export function publicRequestUrl(publicBaseUrl: string, requestUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${requestUrl}`;
}
