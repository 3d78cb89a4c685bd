import { parseTwilioEnv, type TwilioConfig } from '@cc/channels/env';
import { parseEmailEnv, type EmailEnv } from '@cc/channels/email/env';
import { parseWebchatEnv, type WebchatEnv } from '@cc/channels/webchat/env';
import { parseDatabaseEnv, type DatabaseEnv } from '@cc/db/env';
import { parseTemporalEnv, type TemporalEnv } from '@cc/workflows/env';
import { parseApiEnv, type ApiEnv } from './env';

/**
 * Everything the API process and a worker apart are configured with, parsed once at start by
 * `loadConfig` and passed down typed: nothing below main.ts / worker-main.ts reads the environment.
 */
export interface AppConfig {
  /** HTTP, sessions, routing, push, co-browse, Redis, LOG_LEVEL (services/api/src/env.ts). */
  api: ApiEnv;
  /** Temporal's address, namespace, task queue, TLS (workflows/src/env.ts). */
  temporal: TemporalEnv;
  /** DATABASE_URL, else the embedded PostgreSQL under PG_DATA_DIR (services/db/src/env.ts). */
  database: DatabaseEnv;
  /** TWILIO_*, WHATSAPP_WINDOW_HOURS; null without TWILIO_ACCOUNT_SID (services/channels/src/env.ts). */
  twilio: TwilioConfig | null;
  /** EMAIL_*, SMTP_*; null without EMAIL_INBOXES (services/channels/src/email/env.ts). */
  email: EmailEnv | null;
  /** WEBCHAT_* (services/channels/src/webchat/env.ts). */
  webchat: WebchatEnv;
}

/** Some variables are missing or malformed; the message names each one (start-up stops). */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/**
 * Parses every variable the process uses. All sections are checked before failing, so one start
 * reports every bad variable (one line each, under its section), not the first only.
 * `defaultNodeEnv`: NODE_ENV when unset (`npm start --dev` runs as development).
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, options: { defaultNodeEnv?: ApiEnv['NODE_ENV'] } = {}): AppConfig {
  const problems: string[] = [];
  const section = <T>(parse: (source: NodeJS.ProcessEnv) => T): T => {
    try {
      return parse(source);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
      return undefined as T;
    }
  };
  const config: AppConfig = {
    api: section((s) => parseApiEnv({ ...s, NODE_ENV: s.NODE_ENV || options.defaultNodeEnv })),
    temporal: section(parseTemporalEnv),
    database: section(parseDatabaseEnv),
    twilio: section(parseTwilioEnv),
    email: section(parseEmailEnv),
    webchat: section(parseWebchatEnv),
  };
  if (problems.length) throw new ConfigurationError(problems.join('\n'));
  return config;
}
