import { createHmac } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';

/** A web chat visitor: one browser on one site. Never a user. */
export interface VisitorClaims {
  visitorId: string;
  siteId: string;
}

/** Visitor tokens travel as `Authorization: Bearer ccv_<jwt>`, told apart from sessions and keys. */
export const visitorTokenPrefix = 'ccv_';
const audience = 'webchat-visitor';
const issuer = 'contact-center';
export const visitorIdPattern = /^[A-Za-z0-9_-]{8,128}$/;

export interface VisitorTokenService {
  sign(claims: VisitorClaims): Promise<string>;
  /** Null for anything that is not a valid, unexpired visitor token of ours. */
  verify(token: string): Promise<VisitorClaims | null>;
}

/**
 * HS256 with a key derived from the session secret for this one purpose, so a visitor token can
 * never pass as a session token (different key and audience) and vice versa.
 */
export function createVisitorTokenService(secret: string, ttlSeconds: number): VisitorTokenService {
  const key = createHmac('sha256', secret).update('webchat visitor tokens').digest();
  return {
    sign: async ({ visitorId, siteId }) =>
      visitorTokenPrefix +
      (await new SignJWT({ site: siteId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(visitorId)
        .setAudience(audience)
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key)),
    verify: async (token) => {
      if (!token.startsWith(visitorTokenPrefix)) return null;
      try {
        const { payload } = await jwtVerify(token.slice(visitorTokenPrefix.length), key, { issuer, audience, algorithms: ['HS256'] });
        if (typeof payload.sub !== 'string' || !visitorIdPattern.test(payload.sub) || typeof payload.site !== 'string') return null;
        return { visitorId: payload.sub, siteId: payload.site };
      } catch (e) {
        if (e instanceof errors.JOSEError) return null;
        throw e;
      }
    },
  };
}
