import { GraphQLError } from 'graphql';
import type { ApiKeyScope, Role } from '@cc/core/roles';
import type { Db } from '@cc/db/database';
import { apiKeySecretMatches, parseApiKeyToken } from './auth/api-keys';
import type { TokenService } from './auth/tokens';
import type { SessionStates } from './auth/session-states';
import { readSessionCookie } from './http/session-cookie';
import type { ApiEnv } from './env';
import type { AppPubSub } from './pubsub';
import type { RoutingService } from './routing/service';
import type { TwilioChannel } from './twilio/channel';
import type { EmailChannel } from './email/channel';
import type { WebchatEnv } from '@cc/channels/webchat/env';
import { visitorTokenPrefix, type VisitorTokenService } from './webchat/visitor-tokens';
import type { PushFeature } from './push/wiring';
import type { RateLimiter } from './rate-limit';
import type { MediaUrlSigner } from './media/signed-urls';
import { cobrowseTokenPrefix, type CobrowseTokenService } from './cobrowse/tokens';
import type { CobrowseLedger } from './cobrowse/ledger';
import type { CampaignServiceDeps } from './campaigns/service';
import type { PrivacyDeps } from './privacy/deps';

/** Who is calling: a signed-in person, an integrator's API key, or nobody. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; role: Role }
  | { kind: 'apiKey'; keyId: string; scopes: readonly ApiKeyScope[] }
  /** A web chat visitor (signed visitor token): one browser on one site, never a user. */
  | { kind: 'visitor'; visitorId: string; siteId: string }
  /** The customer's side of one co-browse session (signed `ccb_` token): that session only, from the origin it was issued to. */
  | { kind: 'cobrowseCustomer'; sessionId: string; origin: string };

/** Long-lived dependencies shared by every request. */
export interface ApiServices {
  db: Db;
  env: ApiEnv;
  tokens: TokenService;
  /** Users' current role, token version and disabled state, and API keys, checked on every request (briefly cached). */
  sessions: SessionStates;
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
  /** Campaign use cases' deps (campaigns/service.ts). */
  campaigns: CampaignServiceDeps;
  /** Counters for public operations (chat visitors), shared through Redis when configured. */
  rateLimiter: RateLimiter;
  /** Signs and checks the short-lived URLs of stored files (Twilio, customers). */
  mediaUrls: MediaUrlSigner;
  /** Co-browse customers' session tokens (ccb_…), and the live sessions' batch counts (ledger.ts). */
  cobrowse: { tokens: CobrowseTokenService; ledger: CobrowseLedger };
  /** Data protection: exports, erasure, blocked records, retention (privacy/). */
  privacy: PrivacyDeps;
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

/** How a request was authenticated; the cookie needs the CSRF checks a header does not. */
export interface Authentication {
  principal: Principal;
  /** `valid`: the console's cookie authenticated it; `stale`: a cookie was sent but no longer authenticates (ignored). */
  cookie: 'none' | 'valid' | 'stale';
}

/**
 * Reads `Authorization: Bearer <session token | API key>` or `X-Api-Key`, else the console's
 * `cc_session` cookie. A header credential that is present but wrong is refused with 401 rather
 * than silently treated as anonymous. (GraphQL adds CSRF checks for the cookie; see server.ts.)
 */
export async function authenticate(services: ApiServices, headers: Headers): Promise<Principal> {
  return (await authenticateRequest(services, headers)).principal;
}

/**
 * `authenticate`, also saying whether the console's session cookie was used: headers win; without
 * them the `cc_session` cookie is read, and a cookie that no longer authenticates counts as no
 * credential (the login page must still work with a stale cookie in the browser).
 */
export async function authenticateRequest(services: ApiServices, headers: Headers): Promise<Authentication> {
  const bearer = headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  const credential = headers.get('x-api-key')?.trim() || bearer;
  if (!credential) {
    const cookie = readSessionCookie(headers);
    if (!cookie) return { principal: { kind: 'anonymous' }, cookie: 'none' };
    const principal = await sessionPrincipal(services, cookie);
    return principal ? { principal, cookie: 'valid' } : { principal: { kind: 'anonymous' }, cookie: 'stale' };
  }

  if (credential.startsWith('cck_')) {
    const parsed = parseApiKeyToken(credential);
    const key = parsed && (await services.sessions.apiKeys.find(parsed.prefix));
    if (!parsed || !key || !apiKeySecretMatches(parsed.secret, key.secret_hash)) {
      throw unauthenticated('This API key is invalid or has been revoked.');
    }
    services.sessions.apiKeys.used(key.id);
    return { principal: { kind: 'apiKey', keyId: key.id, scopes: key.scopes as ApiKeyScope[] }, cookie: 'none' };
  }

  if (credential.startsWith(visitorTokenPrefix)) {
    const visitor = await services.webchat.tokens.verify(credential);
    if (!visitor) throw unauthenticated('This chat session is invalid or has expired; reload the page to start a new one.');
    return { principal: { kind: 'visitor', ...visitor }, cookie: 'none' };
  }

  if (credential.startsWith(cobrowseTokenPrefix)) {
    const customer = await services.cobrowse.tokens.verify(credential);
    if (!customer) throw unauthenticated('This co-browse session is invalid or has expired; ask the agent for a new code or link.');
    return { principal: { kind: 'cobrowseCustomer', ...customer }, cookie: 'none' };
  }

  const principal = await sessionPrincipal(services, credential);
  if (!principal) throw unauthenticated('Your session has expired or is invalid; sign in again.');
  return { principal, cookie: 'none' };
}

/**
 * A session token's user as they are now: refused when signed at an older token version (logout,
 * password change, disable) or when the user is disabled or gone. The role is the database's,
 * never the token's, so a demotion applies at once.
 */
async function sessionPrincipal(services: ApiServices, token: string): Promise<Principal | null> {
  const claims = await services.tokens.verify(token);
  if (!claims) return null;
  const state = await services.sessions.get(claims.userId);
  if (!state || state.disabled || state.version !== claims.version) return null;
  return { kind: 'user', userId: claims.userId, role: state.role };
}
