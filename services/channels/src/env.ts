import { z } from 'zod';
import { envFlag, parseEnv } from '@cc/core/env';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +34910000000');

/**
 * Twilio configuration, read once. Twilio is optional: without TWILIO_ACCOUNT_SID the system runs
 * without voice and WhatsApp (webhooks answer 503, replies are refused with a typed error).
 */
const schema = z
  .object({
    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be an account SID (AC + 32 hex digits)').optional(),
    /** Signs webhooks (always needed) and authenticates REST calls unless an API key is set. */
    TWILIO_AUTH_TOKEN: z.string().min(16, 'TWILIO_AUTH_TOKEN looks too short').optional(),
    /** API key for REST calls and Voice access tokens (recommended over the auth token). */
    TWILIO_API_KEY_SID: z.string().regex(/^SK[0-9a-fA-F]{32}$/, 'must be an API key SID (SK + 32 hex digits)').optional(),
    TWILIO_API_KEY_SECRET: z.string().min(16).optional(),
    /** The WhatsApp sender, `whatsapp:+E164` (a bare +E164 is accepted). */
    TWILIO_WHATSAPP_FROM: z
      .string()
      .transform((v) => (v.startsWith('whatsapp:') ? v : `whatsapp:${v}`))
      .pipe(z.string().regex(/^whatsapp:\+[1-9]\d{6,14}$/, 'must be whatsapp:+E164'))
      .optional(),
    /** The WhatsApp sender's SID in Twilio's Senders API (XE…): its public profile is read and edited there. */
    TWILIO_WHATSAPP_SENDER_SID: z.string().regex(/^XE[0-9a-fA-F]{32}$/, 'must be a sender SID (XE + 32 hex digits)').optional(),
    /**
     * The Twilio numbers callers dial, comma-separated; `+E164=Queue name` routes that number to a
     * queue. The first one is also the caller id of calls to agents' phones.
     */
    TWILIO_VOICE_NUMBERS: z
      .string()
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
        const [number = '', queue] = entry.split('=');
        return { number: number.trim(), queueName: queue?.trim() || null };
      }))
      .pipe(z.array(z.object({ number: e164, queueName: z.string().nullable() })))
      .default([]),
    /** Queue for WhatsApp conversations (by name); default: the oldest queue serving WhatsApp. */
    TWILIO_WHATSAPP_QUEUE: z.string().optional(),
    /** TwiML app the agents' browser softphones place calls through (Voice access token grant). */
    TWILIO_TWIML_APP_SID: z.string().regex(/^AP[0-9a-fA-F]{32}$/, 'must be a TwiML app SID (AP + 32 hex digits)').optional(),
    /** Record bridged calls (both legs); the recording URL is kept on the interaction. */
    TWILIO_RECORD_CALLS: envFlag.default(false),
    /** Played to callers waiting in a queue. */
    TWILIO_HOLD_MUSIC_URL: z.url().default('http://com.twilio.sounds.music.s3.amazonaws.com/MARKOVICHAMP-Borghestral.mp3'),
    /** Language of the announcements (TwiML <Say language>). */
    TWILIO_VOICE_LANGUAGE: z.string().default('es-ES'),
    /** WhatsApp's customer-service window. */
    WHATSAPP_WINDOW_HOURS: z.coerce.number().positive().max(24 * 7).default(24),
    /** Largest inbound media file kept (WhatsApp allows 16 MB; 5 MB for images). */
    TWILIO_MEDIA_MAX_BYTES: z.coerce.number().int().positive().default(16 * 1024 * 1024),
    /** Largest webhook body accepted; Twilio's are a few KB. */
    TWILIO_WEBHOOK_MAX_BYTES: z.coerce.number().int().positive().default(64 * 1024),
    /** Voice access token lifetime. */
    TWILIO_VOICE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  })
  .superRefine((env, ctx) => {
    if (!env.TWILIO_ACCOUNT_SID) return;
    if (!env.TWILIO_AUTH_TOKEN) ctx.addIssue({ code: 'custom', path: ['TWILIO_AUTH_TOKEN'], message: 'is required with TWILIO_ACCOUNT_SID (it signs webhooks)' });
    if (!!env.TWILIO_API_KEY_SID !== !!env.TWILIO_API_KEY_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['TWILIO_API_KEY_SECRET'], message: 'set both TWILIO_API_KEY_SID and TWILIO_API_KEY_SECRET, or neither' });
    }
  });

export type TwilioEnv = z.infer<typeof schema>;

/** Twilio settings when configured (TWILIO_ACCOUNT_SID set), otherwise null. */
export type TwilioConfig = TwilioEnv & { TWILIO_ACCOUNT_SID: string; TWILIO_AUTH_TOKEN: string };

export function parseTwilioEnv(source: NodeJS.ProcessEnv): TwilioConfig | null {
  const env = parseEnv(schema, source, 'Twilio');
  return env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN ? (env as TwilioConfig) : null;
}
