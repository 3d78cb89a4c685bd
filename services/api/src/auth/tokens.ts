import { SignJWT, jwtVerify, errors } from 'jose';

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

export function createTokenService(secret: string, ttlSeconds: number): TokenService {
  const key = new TextEncoder().encode(secret);
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
      try {
        const { payload } = await jwtVerify(token, key, { issuer, algorithms: ['HS256'] });
        if (typeof payload.sub !== 'string' || typeof payload.ver !== 'number' || !Number.isInteger(payload.ver)) return null;
        return { userId: payload.sub, version: payload.ver };
      } catch (e) {
        if (e instanceof errors.JOSEError) return null;
        throw e;
      }
    },
  };
}
