import { z } from 'zod';
import { envFlag, parseEnv } from '@cc/core/env';
import { logLevels, type LogLevel } from '@cc/core/logger';


/** Every environment variable the API reads, validated once at start-up (fail fast). */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /** pino level: fatal, error, warn, info, debug, trace or silent. Default info; silent under NODE_ENV=test (see logLevelOf). */
  LOG_LEVEL: z.enum(logLevels).optional(),
  HOST: z.string().default('127.0.0.1'),
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (rate limits of the chat widget). */
  TRUST_PROXY: envFlag.default(false),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Public URL the API is reached at (behind a proxy: the proxy's URL). Defaults to http://HOST:PORT. */
  PUBLIC_BASE_URL: z.url().optional(),
  /**
   * Origins of the console allowed to call the API with credentials (CORS), comma-separated, e.g.
   * https://console.example; default: PUBLIC_BASE_URL's origin. Chat sites' origins are added without credentials.
   */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const list = v.split(',').map((o) => o.trim()).filter(Boolean);
      for (const o of list) {
        if (!/^https?:\/\/[^/\s]+$/.test(o)) ctx.addIssue({ code: 'custom', message: `CORS_ORIGINS: "${o}" is not an origin such as https://console.example` });
      }
      return list;
    }),
  /** HS256 key for session tokens; when unset one is generated once and kept under .data/. */
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().positive().default(12 * 3600),
  /**
   * How long a replica may reuse a user's role / token version / disabled state before reading it
   * again: the longest another replica keeps accepting a session just revoked. 0 = read every request.
   */
  SESSION_STATE_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  /** Region for phone numbers written without a country code (ISO 3166-1 alpha-2). */
  DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'DEFAULT_PHONE_REGION must be a two-letter country code such as ES')
    .default('ES'),
  /** Demo users (admin, supervisor, agent @demo.local) seeded by `npm start`: for demos and tests only. */
  SEED_DEMO_USERS: envFlag.default(false),
  /** Password of newly seeded users (demo users, the first admin); random and printed once when unset. */
  SEED_PASSWORD: z.string().min(8).optional(),
  /** On a database without any user, `npm start` creates this administrator and prints its one-time password. */
  FIRST_ADMIN_EMAIL: z.email('FIRST_ADMIN_EMAIL must be an email address').default('admin@contact-center.local'),
  /** Serve the built console (web/dist); off when another server hosts it. */
  SERVE_WEB: envFlag.default(true),
  /** Redis for pub/sub across API replicas and workers; unset = in-process (one process). */
  REDIS_URL: z.url().optional(),
  /** Prefix of the keys this deployment keeps in Redis (rate limits, WhatsApp pacing), so several can share one Redis. */
  REDIS_KEY_PREFIX: z.string().regex(/^[\w.-]{1,64}$/, 'REDIS_KEY_PREFIX: letters, digits, _ . - (at most 64)').default('cc'),
  /** Sign-in throttling: failed `login`s per account (email) per window; the right password is refused too until it ends. */
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  /** Sign-in throttling: failed `login`s per client address per window (successful ones do not count: offices share addresses). */
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().max(24 * 60).default(15),
  /** GraphQL introspection; unset = on only in development (the schema is published in schema/schema.graphql). */
  GRAPHQL_INTROSPECTION: envFlag.optional(),
  /** GraphQL document limits (GraphQL Armor); the console's deepest query is 9 levels, its costliest ~45 000. */
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(15),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(15),
  GRAPHQL_MAX_COST: z.coerce.number().int().positive().default(100_000),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().positive().default(1_000),
  /** Largest GraphQL request body (HTTP POST) and WebSocket message; 413 / socket closed above. */
  GRAPHQL_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Largest GraphQL POST body from a signed-in user: push uploads carry up to 16 MB as base64 (≈ 21.4 MB). */
  GRAPHQL_MAX_UPLOAD_BODY_BYTES: z.coerce.number().int().positive().default(23 * 1024 * 1024),
  /** Run the Temporal worker inside this process (`npm start`); off when workers run apart. */
  RUN_WORKER: envFlag.default(true),
  /** After-contact work before an interaction in wrap-up closes by itself. */
  WRAP_UP_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** An agent who declined or missed an offer is tried for that interaction only after everyone else eligible, for this long (never left out: alone, they are offered it again). */
  ROUTING_PASSED_OVER_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Offers in a row an agent lets expire (declines don't count) before routing sets them away; 0 = never. */
  ROUTING_MAX_MISSED_OFFERS: z.coerce.number().int().min(0).max(100).default(2),
  /** In-call push: domains (and their subdomains) links may point at, comma-separated; empty = no links. */
  PUSH_LINK_DOMAINS: z.string().default(''),
  /** In-call push: minimum gap between two WhatsApp messages to one person (Meta's pair rate). */
  PUSH_MIN_SPACING_SECONDS: z.coerce.number().min(0).max(3600).default(6),
  /** In-call push: messages per second per WhatsApp sender (Twilio's default throughput). */
  PUSH_SENDER_RATE_PER_SECOND: z.coerce.number().int().positive().default(80),
  /** In-call push: business-initiated (template) conversations per UTC day — the sender's tier. */
  PUSH_DAILY_BUSINESS_INITIATED_LIMIT: z.coerce.number().int().min(0).default(250),
  /** In-call push: the API sends at once (the workflow tracks it, and sends only if the API could not); false = only workers send. */
  PUSH_INLINE_SEND: envFlag.default(true),
  /** In-call push: the SMS sender of the fallback (E.164); default: the first TWILIO_VOICE_NUMBERS number. */
  PUSH_SMS_FROM: z.string().regex(/^\+[1-9]\d{6,14}$/, 'PUSH_SMS_FROM must be an E.164 number').optional(),
  /** In-call push: how long a push workflow waits for delivery and read receipts. */
  PUSH_STATUS_WAIT_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
  /** How long a push's workflow keeps trying while Twilio cannot be reached before the push ends failed (unreachable). */
  PUSH_SEND_RETRY_SECONDS: z.coerce.number().positive().max(24 * 3600).default(120),
  /** Campaigns: default messages per second (never above PUSH_SENDER_RATE_PER_SECOND, the sender's throughput). */
  CAMPAIGN_DEFAULT_RATE_PER_SECOND: z.coerce.number().positive().default(20),
  /** Campaigns: marketing messages per person per CAMPAIGN_FREQUENCY_CAP_DAYS, across campaigns. */
  CAMPAIGN_FREQUENCY_CAP_COUNT: z.coerce.number().int().positive().default(1),
  CAMPAIGN_FREQUENCY_CAP_DAYS: z.coerce.number().int().positive().max(365).default(7),
  /** Campaigns: the campaign pauses itself when this share of attempted sends failed (0–1)… */
  CAMPAIGN_FAILURE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.2),
  /** …or this share of recipients opted out / blocked after their message (0–1)… */
  CAMPAIGN_BLOCK_THRESHOLD: z.coerce.number().min(0).max(1).default(0.05),
  /** …once at least this many sends were attempted. */
  CAMPAIGN_THRESHOLD_MIN_SAMPLE: z.coerce.number().int().min(1).default(20),
  /** Campaigns: Twilio requests in flight at once per campaign (the rate still decides how many start each second). */
  CAMPAIGN_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  /** Campaigns: a WhatsApp message from a recipient within this many hours of their campaign message is a reply to it. */
  CAMPAIGN_REPLY_WINDOW_HOURS: z.coerce.number().positive().max(24 * 30).default(72),
  /** How long the signed URL of a file Twilio fetches (a pushed file) stays valid. */
  MEDIA_URL_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(3600),
  /** How long a file link a customer reads (SMS fallback, template variable) stays valid. */
  MEDIA_LINK_TTL_SECONDS: z.coerce.number().int().min(60).max(90 * 86_400).default(7 * 86_400),
  /** Co-browse: how long the 6-digit code the widget shows (read over the phone) stays valid; single use. */
  COBROWSE_CODE_TTL_SECONDS: z.coerce.number().int().min(60).max(24 * 3600).default(20 * 60),
  /** Co-browse: how long a pushed invitation link can be opened. */
  COBROWSE_INVITE_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(3600),
  /** Co-browse: lifetime of the customer's session token (ccb_…); the session itself ends with the call. */
  COBROWSE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).max(86_400).default(4 * 3600),
  /** Co-browse: code look-ups per agent per minute (codes cannot be enumerated). */
  COBROWSE_CODE_TRIES_PER_AGENT: z.coerce.number().int().positive().default(5),
  /** Co-browse: code look-ups by all agents together per minute. */
  COBROWSE_CODE_TRIES_OVERALL: z.coerce.number().int().positive().default(120),
  /** Co-browse: shares (codes) a client address may start per minute. */
  COBROWSE_SHARES_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Co-browse: largest single rrweb event (JSON bytes); a batch holding a larger one is refused. */
  COBROWSE_MAX_EVENT_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  /** Co-browse: event batches a session may send per second. */
  COBROWSE_BATCHES_PER_SECOND: z.coerce.number().int().positive().default(50),
  /** Co-browse: total event bytes one session may send; above it the session ends (LIMIT_EXCEEDED). */
  COBROWSE_MAX_SESSION_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  /** Outbound webhooks: how long a receiver has to answer one POST. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(120).default(15),
  /** Outbound webhooks: delays (seconds, comma-separated) before each retry; unset = Standard Webhooks' 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
  WEBHOOK_RETRY_SCHEDULE_SECONDS: z
    .string()
    .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, 'WEBHOOK_RETRY_SCHEDULE_SECONDS: seconds separated by commas, e.g. 5,300,1800')
    .optional(),
  /** Outbound webhooks: allow http:// receivers on loopback (127.0.0.1, localhost); unset = only outside production. */
  WEBHOOK_ALLOW_LOOPBACK_HTTP: envFlag.optional(),
  /** Outbound webhooks: let deliveries connect to private, loopback and link-local addresses (SSRF guard off); unset = only outside production. */
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: envFlag.optional(),
});

export type ApiEnv = z.infer<typeof schema>;

export function parseApiEnv(source: NodeJS.ProcessEnv): ApiEnv {
  return parseEnv(schema, source, 'API');
}

/** The level to log at: LOG_LEVEL, else info — silent for tests, which set LOG_LEVEL to see logs. */
export function logLevelOf(env: Pick<ApiEnv, 'LOG_LEVEL' | 'NODE_ENV'>): LogLevel {
  return env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info');
}
