import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { AddressNotAllowedError, isPublicAddress, publicOnlyLookup } from './address-guard';

/**
 * Standard Webhooks 1.0 on the sending side (https://www.standardwebhooks.com): the signature
 * scheme and one HTTP POST, classified. No retries or state here — the delivery workflow owns those.
 */

/** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` keyed by the secret's bytes (after `whsec_`). */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The three headers; several secrets (a rotation's grace) give several space-separated signatures. */
export function webhookHeaders(secrets: readonly string[], id: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((s) => signWebhook(s, id, timestampSeconds, body)).join(' '),
  };
}

export type WebhookPostResult =
  /** It answered: any status (2xx success, 410 gone, anything else a refusal), with the start of its body. */
  | { kind: 'answered'; status: number; body: string; durationMs: number }
  /** No answer in time: it may or may not have processed it (receivers dedupe by webhook-id). */
  | { kind: 'timeout'; error: string; durationMs: number }
  /** No connection (refused, DNS, TLS, reset): nobody there to refuse. */
  | { kind: 'unreachable'; error: string; durationMs: number };

const keptBodyChars = 1000;

/**
 * POSTs a signed JSON body; never throws for the receiver's behaviour. Redirects are not followed
 * (an answer like any other). Unless `allowPrivateAddresses`, only public addresses are connected
 * to (address-guard.ts); a refused address is reported as unreachable, with the reason.
 */
export async function postWebhook(input: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  userAgent: string;
  allowPrivateAddresses: boolean;
}): Promise<WebhookPostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(input.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!input.allowPrivateAddresses && isIP(host) && !isPublicAddress(host)) {
    return { kind: 'unreachable', error: new AddressNotAllowedError(host).message, durationMs: elapsed() };
  }
  const signal = AbortSignal.timeout(input.timeoutMs);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  try {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(input.body),
            'user-agent': input.userAgent,
            ...input.headers,
          },
          signal,
          ...(input.allowPrivateAddresses ? {} : { lookup: publicOnlyLookup }),
        },
        (res) => {
          // Only the start of the body is kept; the rest is read and dropped so the socket closes cleanly.
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (text.length < keptBodyChars) text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.slice(0, keptBodyChars) }));
          res.on('error', () => resolve({ status: res.statusCode ?? 0, body: text.slice(0, keptBodyChars) }));
        },
      );
      req.on('error', reject);
      req.end(input.body);
    });
    return { kind: 'answered', status: answer.status, body: answer.body, durationMs: elapsed() };
  } catch (e) {
    if (signal.aborted) return { kind: 'timeout', error: `no answer within ${input.timeoutMs} ms`, durationMs: elapsed() };
    const err = e as { code?: string; message?: string };
    const detail = err.code ? `${err.code}${err.message ? `: ${err.message}` : ''}` : String(e);
    return { kind: 'unreachable', error: detail.slice(0, 500), durationMs: elapsed() };
  }
}
