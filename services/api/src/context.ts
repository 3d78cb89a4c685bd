import { GraphQLError } from 'graphql';
import type { ApiKeyScope, Role } from '@cc/core/roles';
import type { Db } from '@cc/db/database';
import { findActiveApiKey, touchApiKey } from '@cc/db/repositories/api-keys';
import { apiKeySecretMatches, parseApiKeyToken } from './auth/api-keys';
import type { TokenService } from './auth/tokens';
import type { ApiEnv } from './env';
import type { AppPubSub } from './pubsub';
import type { RoutingService } from './routing-service';
import type { TwilioChannel } from './twilio/channel';
import type { EmailChannel } from './email/channel';
import type { WebchatEnv } from '@cc/channels/webchat/env';
import { visitorTokenPrefix, type VisitorTokenService } from './webchat/visitor-tokens';
import type { PushFeature } from './push/wiring';
import type { RateLimiter } from './rate-limit';

/** Who is calling: a signed-in person, an integrator's API key, or nobody. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; role: Role }
  | { kind: 'apiKey'; keyId: string; scopes: readonly ApiKeyScope[] }
  /** A web chat visitor (signed visitor token): one browser on one site, never a user. */
  | { kind: 'visitor'; visitorId: string; siteId: string };

/** Long-lived dependencies shared by every request. */
export interface ApiServices {
  db: Db;
  env: ApiEnv;
  tokens: TokenService;
  pubsub: AppPubSub;
  routing: RoutingService;
  clock: () => Date;
  /** Voice and WhatsApp through Twilio; null when not configured. */
  twilio: TwilioChannel | null;
  /** Email (SMTP in, relay out); null without EMAIL_INBOXES. */
  email: EmailChannel | null;
  /** The chat widget's visitor tokens and limits. */
  webchat: { config: WebchatEnv; tokens: VisitorTokenService };
  /** In-call push over WhatsApp (refuses with TwilioNotConfiguredError when Twilio is not set up). */
  push: PushFeature;
  /** Counters for public operations (chat visitors), shared through Redis when configured. */
  rateLimiter: RateLimiter;
}

export interface Context extends ApiServices {
  principal: Principal;
  /** The HTTP request (yoga's initial context); its Origin scopes the chat widget. */
  request?: Request;
  /** Who is calling, by network address (TRUST_PROXY: the proxy's X-Forwarded-For); rate limits public operations. */
  clientAddress: string | null;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/**
 * Reads `Authorization: Bearer <session token | API key>` or `X-Api-Key`. A credential that is
 * present but wrong is refused with 401 rather than silently treated as anonymous.
 */
export async function authenticate(services: ApiServices, headers: Headers): Promise<Principal> {
  const bearer = headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  const credential = headers.get('x-api-key')?.trim() || bearer;
  if (!credential) return { kind: 'anonymous' };

  if (credential.startsWith('cck_')) {
    const parsed = parseApiKeyToken(credential);
    const key = parsed && (await findActiveApiKey(services.db, parsed.prefix));
    if (!parsed || !key || !apiKeySecretMatches(parsed.secret, key.secret_hash)) {
      throw unauthenticated('This API key is invalid or has been revoked.');
    }
    void touchApiKey(services.db, key.id).catch(() => {});
    return { kind: 'apiKey', keyId: key.id, scopes: key.scopes as ApiKeyScope[] };
  }

  if (credential.startsWith(visitorTokenPrefix)) {
    const visitor = await services.webchat.tokens.verify(credential);
    if (!visitor) throw unauthenticated('This chat session is invalid or has expired; reload the page to start a new one.');
    return { kind: 'visitor', ...visitor };
  }

  const claims = await services.tokens.verify(credential);
  if (!claims) throw unauthenticated('Your session has expired or is invalid; sign in again.');
  return { kind: 'user', userId: claims.userId, role: claims.role };
}
