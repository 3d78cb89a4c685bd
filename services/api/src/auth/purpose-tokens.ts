import { createHmac } from 'node:crypto';
import { SignJWT, errors, jwtVerify, type JWTPayload } from 'jose';

const issuer = 'contact-center';

export interface PurposeTokenService<Claims> {
  sign(claims: Claims): Promise<string>;
  /** Null for anything that is not a valid, unexpired token of this purpose. */
  verify(token: string): Promise<Claims | null>;
}

/**
 * Bearer tokens for one purpose that is never a user (a chat visitor, a co-browse customer):
 * HS256 with a key derived from the session secret for that purpose alone and an audience of its
 * own, so no kind of token can pass as another; a prefix tells them apart before any crypto.
 */
export function createPurposeTokenService<Claims>(options: {
  secret: string;
  /** Derives the key: one purpose, one key. */
  purpose: string;
  prefix: string;
  audience: string;
  ttlSeconds: number;
  /** The subject and the extra claims a token carries. */
  toJwt(claims: Claims): { subject: string; extra: Record<string, string> };
  /** The claims back, or null when the payload is not one of ours. */
  fromJwt(payload: JWTPayload): Claims | null;
  /** Remember this many verified tokens until they expire (HMAC in WebCrypto is an async job per call). */
  remember?: number;
}): PurposeTokenService<Claims> {
  const { prefix, audience, ttlSeconds, toJwt, fromJwt, remember = 0 } = options;
  const key = createHmac('sha256', options.secret).update(options.purpose).digest();
  const verified = new Map<string, { claims: Claims; expiresAt: number }>();
  return {
    sign: async (claims) => {
      const { subject, extra } = toJwt(claims);
      const jwt = await new SignJWT(extra)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(subject)
        .setAudience(audience)
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
      return prefix + jwt;
    },
    verify: async (token) => {
      if (!token.startsWith(prefix)) return null;
      const known = verified.get(token);
      if (known && known.expiresAt > Date.now()) return known.claims;
      verified.delete(token);
      try {
        const { payload } = await jwtVerify(token.slice(prefix.length), key, { issuer, audience, algorithms: ['HS256'] });
        const claims = fromJwt(payload);
        if (claims && remember > 0) {
          if (verified.size >= remember) verified.delete(verified.keys().next().value!);
          verified.set(token, { claims, expiresAt: (payload.exp ?? 0) * 1000 });
        }
        return claims;
      } catch (e) {
        if (e instanceof errors.JOSEError) return null;
        throw e;
      }
    },
  };
}
