import { z } from 'zod';
import { parseEnv } from '@cc/core/env';

/** Web chat widget settings, read once. */
const schema = z.object({
  /** How long a visitor token (kept in the visitor's browser) stays valid. */
  WEBCHAT_VISITOR_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).max(365 * 86_400).default(30 * 86_400),
  /** Longest chat message a visitor or agent may send. */
  WEBCHAT_MAX_MESSAGE_CHARS: z.coerce.number().int().min(100).max(100_000).default(4000),
  /** Widget loads (startVisit) per minute from one client address. */
  WEBCHAT_VISITS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Messages (and typing signals ÷ 3) per minute from one visitor. */
  WEBCHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** "Leave an email" per hour from one client address (each creates an email interaction). */
  WEBCHAT_EMAILS_PER_HOUR: z.coerce.number().int().min(1).default(5),
});

export type WebchatEnv = z.infer<typeof schema>;

export function parseWebchatEnv(source: NodeJS.ProcessEnv): WebchatEnv {
  return parseEnv(schema, source, 'web chat');
}
