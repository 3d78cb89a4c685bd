import { z } from 'zod';
import { envFlag, parseEnv } from '@cc/core/env';

const address = z.email('must be an email address');

/**
 * Email configuration, read once. Email is optional: without EMAIL_INBOXES no SMTP listener starts
 * and email replies are refused with a typed error.
 */
const schema = z.object({
  /**
   * The addresses mail is accepted for, comma-separated; `address=Queue name` routes that inbox to
   * a queue (default: the oldest queue serving email).
   */
  EMAIL_INBOXES: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
      const [addr = '', queue] = entry.split('=');
      return { address: addr.trim().toLowerCase(), queueName: queue?.trim() || null };
    }))
    .pipe(z.array(z.object({ address, queueName: z.string().nullable() })))
    .default([]),
  /** Where the inbound SMTP listener binds; 0 picks a free port (tests). */
  SMTP_LISTEN_HOST: z.string().default('127.0.0.1'),
  SMTP_LISTEN_PORT: z.coerce.number().int().min(0).max(65_535).default(2525),
  /** Largest message accepted (SIZE extension; larger ones are refused with 552). */
  SMTP_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** When both are set, senders must AUTH (PLAIN/LOGIN) before mail is accepted. */
  SMTP_AUTH_USER: z.string().optional(),
  SMTP_AUTH_PASSWORD: z.string().optional(),
  /** PEM files enabling STARTTLS on the listener. */
  SMTP_TLS_KEY_FILE: z.string().optional(),
  SMTP_TLS_CERT_FILE: z.string().optional(),
  /** Outbound relay as a URL, e.g. smtp://user:pass@smtp.example.com:587 (smtps:// for implicit TLS). */
  SMTP_RELAY_URL: z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' }).optional(),
  /** Accept self-signed relay certificates (local relays only). */
  SMTP_RELAY_INSECURE_TLS: envFlag.default(false),
  /** Sent once when a customer's mail opens a new conversation while the queue is open; unset = none. */
  EMAIL_AUTO_ACK: z.string().optional(),
  /**
   * The authserv-id our receiving MX writes in Authentication-Results (RFC 8601), e.g.
   * mx.example.com: only its verdicts on SPF/DKIM/DMARC are believed. Unset: the topmost
   * Authentication-Results header is believed (right only when the MX hands mail straight to us).
   */
  EMAIL_AUTHSERV_ID: z.string().trim().toLowerCase().regex(/^[^\s;()"]+$/, 'a host name such as mx.example.com').optional(),
  /** Name shown in the From header of replies. */
  EMAIL_FROM_NAME: z.string().default('Customer service'),
})
  .superRefine((env, ctx) => {
    if (!!env.SMTP_AUTH_USER !== !!env.SMTP_AUTH_PASSWORD) ctx.addIssue({ code: 'custom', path: ['SMTP_AUTH_PASSWORD'], message: 'set both SMTP_AUTH_USER and SMTP_AUTH_PASSWORD, or neither' });
    if (!!env.SMTP_TLS_KEY_FILE !== !!env.SMTP_TLS_CERT_FILE) ctx.addIssue({ code: 'custom', path: ['SMTP_TLS_CERT_FILE'], message: 'set both SMTP_TLS_KEY_FILE and SMTP_TLS_CERT_FILE, or neither' });
  });

export type EmailEnv = z.infer<typeof schema>;

/** Email settings when inboxes are configured, otherwise null. */
export function parseEmailEnv(source: NodeJS.ProcessEnv): EmailEnv | null {
  const env = parseEnv(schema, source, 'email');
  return env.EMAIL_INBOXES.length ? env : null;
}
