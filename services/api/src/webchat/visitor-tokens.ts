import { createPurposeTokenService, type PurposeTokenService } from '../auth/purpose-tokens';

/** A web chat visitor: one browser on one site. Never a user. */
export interface VisitorClaims {
  visitorId: string;
  siteId: string;
}

/** Visitor tokens travel as `Authorization: Bearer ccv_<jwt>`, told apart from sessions and keys. */
export const visitorTokenPrefix = 'ccv_';
export const visitorIdPattern = /^[A-Za-z0-9_-]{8,128}$/;

export type VisitorTokenService = PurposeTokenService<VisitorClaims>;

export function createVisitorTokenService(secret: string, ttlSeconds: number): VisitorTokenService {
  return createPurposeTokenService<VisitorClaims>({
    secret,
    purpose: 'webchat visitor tokens',
    prefix: visitorTokenPrefix,
    audience: 'webchat-visitor',
    ttlSeconds,
    toJwt: ({ visitorId, siteId }) => ({ subject: visitorId, extra: { site: siteId } }),
    fromJwt: (p) =>
      typeof p.sub === 'string' && visitorIdPattern.test(p.sub) && typeof p.site === 'string' ? { visitorId: p.sub, siteId: p.site } : null,
  });
}
