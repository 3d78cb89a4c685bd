import { createHmac } from 'node:crypto';

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

/** POSTs a signed JSON body; never throws for the receiver's behaviour. Redirects are not followed (an answer like any other). */
export async function postWebhook(input: { url: string; headers: Record<string, string>; body: string; timeoutMs: number; userAgent: string }): Promise<WebhookPostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(input.timeoutMs);
  try {
    const res = await fetch(input.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': input.userAgent, ...input.headers },
      body: input.body,
      redirect: 'manual',
      signal,
    });
    const text = await res.text().catch(() => '');
    return { kind: 'answered', status: res.status, body: text.slice(0, keptBodyChars), durationMs: elapsed() };
  } catch (e) {
    if (signal.aborted) return { kind: 'timeout', error: `no answer within ${input.timeoutMs} ms`, durationMs: elapsed() };
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ? `${cause.code}${cause.message ? `: ${cause.message}` : ''}` : e instanceof Error ? e.message : String(e);
    return { kind: 'unreachable', error: detail.slice(0, 500), durationMs: elapsed() };
  }
}
