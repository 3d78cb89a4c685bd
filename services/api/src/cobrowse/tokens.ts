import { createHmac } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';

/** The customer's side of one co-browse session: the widget on an allowed origin. Never a user. */
export interface CobrowseCustomerClaims {
  sessionId: string;
  /** The page origin the token was issued to; every later call must come from it. */
  origin: string;
}

/** Travels as `Authorization: Bearer ccb_<jwt>`, told apart from sessions, keys and chat visitors. */
export const cobrowseTokenPrefix = 'ccb_';
const audience = 'cobrowse-customer';
const issuer = 'contact-center';
/** Tokens remembered as verified (the oldest forgotten first); live sessions are far fewer. */
const maxRemembered = 10_000;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CobrowseTokenService {
  sign(claims: CobrowseCustomerClaims): Promise<string>;
  /** Null for anything that is not a valid, unexpired co-browse token of ours. */
  verify(token: string): Promise<CobrowseCustomerClaims | null>;
}

/** HS256 with its own key derived from the session secret (as chat visitor tokens): never passes as another kind of token. */
export function createCobrowseTokenService(secret: string, ttlSeconds: number): CobrowseTokenService {
  const key = createHmac('sha256', secret).update('cobrowse customer tokens').digest();
  const verified = new Map<string, { claims: CobrowseCustomerClaims; expiresAt: number }>();
  return {
    sign: async ({ sessionId, origin }) =>
      cobrowseTokenPrefix +
      (await new SignJWT({ origin })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sessionId)
        .setAudience(audience)
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key)),
    verify: async (token) => {
      if (!token.startsWith(cobrowseTokenPrefix)) return null;
      // Every batch carries the token: a verified one is remembered until it expires (HMAC in
      // WebCrypto is an async job per call, a measurable share of a batch's cost).
      const known = verified.get(token);
      if (known && known.expiresAt > Date.now()) return known.claims;
      verified.delete(token);
      try {
        const { payload } = await jwtVerify(token.slice(cobrowseTokenPrefix.length), key, { issuer, audience, algorithms: ['HS256'] });
        if (typeof payload.sub !== 'string' || !uuid.test(payload.sub) || typeof payload.origin !== 'string') return null;
        const claims = { sessionId: payload.sub, origin: payload.origin };
        if (verified.size >= maxRemembered) verified.delete(verified.keys().next().value!);
        verified.set(token, { claims, expiresAt: (payload.exp ?? 0) * 1000 });
        return claims;
      } catch (e) {
        if (e instanceof errors.JOSEError) return null;
        throw e;
      }
    },
  };
}
