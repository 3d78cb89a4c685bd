import type { Interaction } from '@cc/db/tables/interactions';
import type { Offer } from '@cc/db/tables/offers';

/**
 * The `offers` topic's payload: the offer as it was when made or ended, and (when made) its
 * interaction. Carrying the rows saves the agent's subscription reading them again for every event,
 * three statements an offer on the arrival path (issue 16). Payloads cross Redis as JSON, so dates
 * arrive as ISO strings and are made Dates again when read.
 */
export interface OfferEvent {
  offerId: string;
  offer?: Offer;
  interaction?: Interaction;
}

export function offerEvent(offer: Offer, interaction?: Interaction): OfferEvent {
  return { offerId: offer.id, offer, ...(interaction ? { interaction } : {}) };
}

/** An offer row and, when the event carried it, its interaction. */
export type OfferWithInteraction = Offer & { interaction?: Interaction };

const offerDates = ['created_at', 'expires_at', 'decided_at'] as const;
const interactionDates = ['enqueued_at', 'offered_at', 'assigned_at', 'wrap_up_at', 'closed_at', 'abandoned_at', 'created_at'] as const;

function withDates<T extends object>(row: T, keys: readonly string[]): T {
  const out = { ...row } as Record<string, unknown>;
  for (const k of keys) if (out[k] != null) out[k] = new Date(out[k] as string | Date);
  return out as T;
}

/** The rows an event carried (null for an event naming only the offer: read it then). */
export function offerFromEvent(event: OfferEvent): OfferWithInteraction | null {
  if (!event.offer || event.offer.id !== event.offerId) return null;
  const offer: OfferWithInteraction = withDates(event.offer, offerDates);
  if (event.interaction?.id === offer.interaction_id) offer.interaction = withDates(event.interaction, interactionDates);
  return offer;
}
