import { randomBytes } from 'node:crypto';
import { getWebchatSiteByKey, queueHasAvailableAgent, touchWebchatVisitor } from '@cc/db/repositories/webchat';
import type { ChatTriggerRule } from '@cc/db/tables/webchat';
import type { ApiServices } from '../context';
import { OriginNotAllowedError, UnknownChatSiteError, VisitorTokenInvalidError } from './errors';
import { within } from './rate-limits';
import type { VisitorClaims } from './visitor-tokens';

export interface Visit {
  visitor: VisitorClaims;
  visitorToken: string;
  visits: number;
  agentsAvailable: boolean;
  triggers: ChatTriggerRule[];
}

/**
 * The widget loaded on a page of a site: checks the site and the page's origin, continues the
 * visitor of `visitorToken` (or starts a new one) and counts the visit.
 */
export async function startVisit(
  deps: Pick<ApiServices, 'db' | 'clock' | 'rateLimiter' | 'webchat'>,
  input: { siteKey: string; visitorToken: string | null | undefined; origin: string | null; clientAddress: string | null },
): Promise<Visit> {
  await within(deps, `chat-visit:${input.clientAddress ?? 'unknown'}`, deps.webchat.config.WEBCHAT_VISITS_PER_MINUTE, 60_000);
  const site = await getWebchatSiteByKey(deps.db, input.siteKey);
  if (!site) throw new UnknownChatSiteError();
  // Browsers always send Origin on this POST (cross- or same-origin fetch): without one the
  // caller is not a page of an allowed site, so it is refused rather than waved through.
  const origin = input.origin;
  if (!origin || origin === 'null') throw new OriginNotAllowedError(null);
  if (site.allowed_origins.length && !site.allowed_origins.includes(origin)) throw new OriginNotAllowedError(origin);
  let visitorId: string | null = null;
  if (input.visitorToken) {
    const claims = await deps.webchat.tokens.verify(input.visitorToken);
    // A forged or foreign token is refused outright rather than silently replaced.
    if (!claims || claims.siteId !== site.id) throw new VisitorTokenInvalidError();
    visitorId = claims.visitorId;
  }
  visitorId ??= randomBytes(16).toString('base64url');
  const visitor = { visitorId, siteId: site.id };
  const seen = await touchWebchatVisitor(deps.db, site.id, visitorId, deps.clock());
  return {
    visitor,
    visitorToken: await deps.webchat.tokens.sign(visitor),
    visits: seen.visits,
    agentsAvailable: await queueHasAvailableAgent(deps.db, site.queue_id),
    triggers: site.triggers,
  };
}
