/**
 * Outbound webhooks (Standard Webhooks 1.0, https://www.standardwebhooks.com): the event types
 * integrators subscribe to, the retry schedule, and what a receiver's URL may be. Pure rules, no I/O.
 */
import { isLoopbackHost } from './loopback';

export const webhookEventTypes = [
  'interaction.created',
  'interaction.offered',
  'interaction.assigned',
  'interaction.closed',
  'interaction.abandoned',
  'message.received',
  'message.sent',
  'message.status',
  'push.status',
  'consent.recorded',
  'consent.withdrawn',
  'cobrowse.started',
  'cobrowse.ended',
  'campaign.progress',
  'customer.erased',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (webhookEventTypes as readonly string[]).includes(value);
}

/**
 * Delays before each retry after a failed first attempt (the spec's schedule): 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 14 h, 20 h, 24 h — ten attempts over about three days.
 */
export const standardRetryDelaysMs: readonly number[] = [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400].map((s) => s * 1000);

/** ±20% jitter so receivers coming back up are not hit by every sender at once; `random` in [0, 1). */
export function withJitter(delayMs: number, random: number): number {
  return Math.round(delayMs * (0.8 + 0.4 * random));
}

/** How long a rotated-out secret keeps signing beside the new one, unless the admin says otherwise. */
export const defaultSecretGraceHours = 24;

export type EndpointUrlProblem = 'invalid' | 'not_https' | 'credentials';

/**
 * A receiver's URL: https; plain http only to this host's loopback and only where allowed
 * (development and tests). No user:password in the URL (secrets go in the signing secret).
 */
export function endpointUrlProblem(raw: string, allowLoopbackHttp: boolean): EndpointUrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'invalid';
  }
  if (url.username || url.password) return 'credentials';
  if (url.protocol === 'https:') return url.hostname ? null : 'invalid';
  if (url.protocol !== 'http:') return 'not_https';
  return allowLoopbackHttp && isLoopbackHost(url.hostname) ? null : 'not_https';
}

/** A new signing secret from 32 random bytes (the caller's CSPRNG). */
export function formatWebhookSecret(keyBytes: Uint8Array): string {
  return `whsec_${Buffer.from(keyBytes).toString('base64')}`;
}
