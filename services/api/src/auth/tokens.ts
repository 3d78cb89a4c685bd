import { SignJWT, jwtVerify, errors } from 'jose';
import { LRUCache } from 'lru-cache';

/**
 * What a session token says: who, and the user's token version when it was signed. The role is
 * deliberately absent: it is read from the database on every request, so a demotion applies at once.
 */
export interface SessionClaims {
  userId: string;
  version: number;
}

const issuer = 'contact-center';

export interface TokenService {
  sign(claims: SessionClaims): Promise<string>;
  /** Null for anything that is not a valid, unexpired token of ours (tokens without a version included). */
  verify(token: string): Promise<SessionClaims | null>;
  /** How long a token lives, in seconds (the console's cookie lives as long). */
  readonly ttlSeconds: number;
}

/**
 * Tokens already verified, until they expire: a token's claims never change, so the signature is
 * checked once per process, not on every request (a visible share of each request's CPU).
 * Revocation is unaffected: it is the user's token version, checked on every request against
 * the session state (auth/session-states.ts), never cached here.
 */
const verifiedTokensMax = 10_000;

export function createTokenService(secret: string, ttlSeconds: number): TokenService {
  const key = new TextEncoder().encode(secret);
  const verified = new LRUCache<string, SessionClaims & { expiresAtMs: number }>({ max: verifiedTokensMax });
  return {
    ttlSeconds,
    sign: ({ userId, version }) =>
      new SignJWT({ ver: version })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
    verify: async (token) => {
      const known = verified.get(token);
      if (known && known.expiresAtMs > Date.now()) return { userId: known.userId, version: known.version };
      try {
        const { payload } = await jwtVerify(token, key, { issuer, algorithms: ['HS256'] });
        if (typeof payload.sub !== 'string' || typeof payload.ver !== 'number' || !Number.isInteger(payload.ver)) return null;
        const claims = { userId: payload.sub, version: payload.ver };
        if (typeof payload.exp === 'number') verified.set(token, { ...claims, expiresAtMs: payload.exp * 1000 });
        return claims;
      } catch (e) {
        if (e instanceof errors.JOSEError) return null;
        throw e;
      }
    },
  };
}
