import { createHmac } from 'node:crypto';

export const testAccountSid = `AC${'a1'.repeat(16)}`;
export const testAuthToken = 'test-auth-token-0123456789abcdef';

/** Twilio-like ids: a two-letter prefix and 32 hex digits. */
let seq = 0;
export function sid(prefix: 'SM' | 'MM' | 'CA' | 'RE'): string {
  return `${prefix}${(Date.now().toString(16) + (++seq).toString(16).padStart(8, '0')).padStart(32, '0').slice(-32)}`;
}

/**
 * X-Twilio-Signature computed here from Twilio's published recipe, independently of the SDK the
 * server validates with: HMAC-SHA1 keyed with the auth token over the full URL followed by each
 * POST parameter sorted by name, name then value, no separators; base64.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/**
 * POSTs a webhook the way Twilio does: form-encoded, signed with X-Twilio-Signature (HMAC-SHA1 of
 * the full URL plus the sorted parameters, keyed with the auth token).
 */
export async function postSigned(
  url: string,
  params: Record<string, string>,
  opts: { authToken?: string; signatureUrl?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string }> {
  const body = new URLSearchParams(params).toString();
  const signature = twilioSignature(opts.authToken ?? testAuthToken, opts.signatureUrl ?? url, params);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, ...opts.headers },
    body,
  });
  return { status: res.status, text: await res.text() };
}
