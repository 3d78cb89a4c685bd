import type { Db } from '@cc/db/database';
import { matchNext, type MatchPolicy } from '@cc/db/repositories/matching';
import type { Interaction } from '@cc/db/tables/interactions';
import type { Offer } from '@cc/db/tables/offers';
import type { OfferMade } from './workflows/interaction-signals';

/**
 * What the routing core tells the rest of the system. The composition root implements it: publish
 * to GraphQL subscriptions, and signal interaction workflows about offers they did not make.
 */
export interface RoutingNotifier {
  offerMade(offer: Offer, interaction: Interaction): Promise<void>;
  offerEnded(offer: Offer): Promise<void>;
  interactionChanged(interaction: Interaction): Promise<void>;
  /** An offer made outside the interaction's workflow (for a freed agent): start its expiry timer. */
  signalOfferMade(interactionId: string, offer: OfferMade): Promise<void>;
  /** Routing changed an agent's presence (set away after missed offers): their console and the supervisors' lists. */
  presenceChanged(agentId: string, queueIds: readonly string[]): Promise<void>;
}

export function toOfferMade(offer: Offer): OfferMade {
  return { offerId: offer.id, agentId: offer.agent_id, expiresAt: offer.expires_at.getTime() };
}

/** Upper bound on offers made in one go to one agent (their largest capacity is far below). */
const maxOffersPerFreeing = 20;

/**
 * An agent became available or freed a slot: offer them waiting interactions until they are full
 * or nothing fits. Used after presence changes (API) and after an interaction ends (activities).
 */
export async function offerFreedAgent(
  deps: { db: Db; clock: () => Date; notify: RoutingNotifier; policy?: MatchPolicy },
  agentId: string,
): Promise<Offer[]> {
  const made: Offer[] = [];
  for (let i = 0; i < maxOffersPerFreeing; i++) {
    const result = await matchNext(deps.db, { agentId }, deps.clock(), deps.policy);
    if (!result.ok) break;
    made.push(result.offer);
    await deps.notify.signalOfferMade(result.interaction.id, toOfferMade(result.offer));
    await deps.notify.offerMade(result.offer, result.interaction);
  }
  return made;
}
