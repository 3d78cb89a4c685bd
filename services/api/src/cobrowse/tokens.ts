import { createPurposeTokenService, type PurposeTokenService } from '../auth/purpose-tokens';

/** The customer's side of one co-browse session: the widget on an allowed origin. Never a user. */
export interface CobrowseCustomerClaims {
  sessionId: string;
  /** The page origin the token was issued to; every later call must come from it. */
  origin: string;
}

/** Travels as `Authorization: Bearer ccb_<jwt>`, told apart from sessions, keys and chat visitors. */
export const cobrowseTokenPrefix = 'ccb_';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CobrowseTokenService = PurposeTokenService<CobrowseCustomerClaims>;

export function createCobrowseTokenService(secret: string, ttlSeconds: number): CobrowseTokenService {
  return createPurposeTokenService<CobrowseCustomerClaims>({
    secret,
    purpose: 'cobrowse customer tokens',
    prefix: cobrowseTokenPrefix,
    audience: 'cobrowse-customer',
    ttlSeconds,
    toJwt: ({ sessionId, origin }) => ({ subject: sessionId, extra: { origin } }),
    fromJwt: (p) => (typeof p.sub === 'string' && uuid.test(p.sub) && typeof p.origin === 'string' ? { sessionId: p.sub, origin: p.origin } : null),
    // Every batch carries the token; live sessions are far fewer than this.
    remember: 10_000,
  });
}
