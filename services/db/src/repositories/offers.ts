import type { Db } from '../database';
import type { AgentPresence } from '../tables/agent-presence';
import type { Interaction } from '../tables/interactions';
import type { Offer } from '../tables/offers';
import { recordInteractionEvent, systemActor } from './interaction-events';
import { setPresence } from './presence';
import { inTransaction, type Refusal } from './transaction';

export type OfferDecision =
  | { ok: true; offer: Offer; interaction: Interaction }
  | Refusal<'not_found' | 'not_yours' | 'already_decided' | 'expired' | 'not_due'>;

/**
 * Locks the offer's interaction, then the offer: the same order as matching, which locks the
 * interaction before inserting an offer, so deciders and matchers never wait on each other in a cycle.
 */
async function lockOffer(trx: Db, offerId: string): Promise<Offer | undefined> {
  const found = await trx.selectFrom('offers').select('interaction_id').where('id', '=', offerId).executeTakeFirst();
  if (!found) return undefined;
  await trx.selectFrom('interactions').select('id').where('id', '=', found.interaction_id).forUpdate().execute();
  return trx.selectFrom('offers').selectAll().where('id', '=', offerId).forUpdate().executeTakeFirst();
}

async function decide(trx: Db, offer: Offer, outcome: 'declined' | 'expired', now: Date): Promise<OfferDecision> {
  const decided = await trx.updateTable('offers').set({ outcome, decided_at: now }).where('id', '=', offer.id).returningAll().executeTakeFirstOrThrow();
  // Back in line with its original enqueued_at: a passed-over interaction keeps its place.
  const interaction = await trx
    .updateTable('interactions')
    .set({ status: 'queued' })
    .where('id', '=', offer.interaction_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordInteractionEvent(trx, {
    interactionId: offer.interaction_id,
    type: outcome === 'declined' ? 'offer_declined' : 'offer_expired',
    actor: outcome === 'declined' ? { type: 'user', id: offer.agent_id } : systemActor,
    data: { offerId: offer.id, agentId: offer.agent_id },
    at: now,
  });
  return { ok: true, offer: decided, interaction };
}

/**
 * The offered agent takes the interaction: only them, only while the offer is open and before it
 * expires. The slot was reserved by the offer, so accepting never exceeds capacity.
 */
export function acceptOffer(db: Db, decision: { offerId: string; agentId: string; now: Date }): Promise<OfferDecision> {
  return inTransaction(db, async (trx) => {
    const offer = await lockOffer(trx, decision.offerId);
    if (!offer) return { ok: false, reason: 'not_found' };
    if (offer.agent_id !== decision.agentId) return { ok: false, reason: 'not_yours' };
    if (offer.outcome !== null) return { ok: false, reason: 'already_decided' };
    if (decision.now >= offer.expires_at) return { ok: false, reason: 'expired' };
    const accepted = await trx
      .updateTable('offers')
      .set({ outcome: 'accepted', decided_at: decision.now })
      .where('id', '=', offer.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const interaction = await trx
      .updateTable('interactions')
      .set({ status: 'assigned', assigned_agent_id: offer.agent_id, assigned_at: decision.now })
      .where('id', '=', offer.interaction_id)
      .where('status', '=', 'offered')
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordInteractionEvent(trx, {
      interactionId: offer.interaction_id,
      type: 'assigned',
      actor: { type: 'user', id: offer.agent_id },
      data: { offerId: offer.id, agentId: offer.agent_id },
      at: decision.now,
    });
    return { ok: true, offer: accepted, interaction };
  });
}

/** The offered agent says no; the interaction waits again, for them only after everyone else eligible (repositories/matching.ts). */
export function declineOffer(db: Db, decision: { offerId: string; agentId: string; now: Date }): Promise<OfferDecision> {
  return inTransaction(db, async (trx) => {
    const offer = await lockOffer(trx, decision.offerId);
    if (!offer) return { ok: false, reason: 'not_found' };
    if (offer.agent_id !== decision.agentId) return { ok: false, reason: 'not_yours' };
    if (offer.outcome !== null) return { ok: false, reason: 'already_decided' };
    return decide(trx, offer, 'declined', decision.now);
  });
}

/**
 * The offer timed out (called by the interaction's timer); refused before `expires_at`. When this
 * was the agent's `maxMissedOffers`-th offer in a row to expire unanswered since they last became
 * available (a decline or an accept is an answer and breaks the run; withdrawn offers do not
 * count), they are set away with reason 'missed_offers', in the same transaction, so nothing more
 * is offered to someone who is not there. `awayForMissedOffers` then holds their new presence.
 */
export function expireOffer(
  db: Db,
  decision: { offerId: string; now: Date; maxMissedOffers?: number },
): Promise<OfferDecision & { awayForMissedOffers?: AgentPresence }> {
  return inTransaction(db, async (trx) => {
    const offer = await lockOffer(trx, decision.offerId);
    if (!offer) return { ok: false, reason: 'not_found' };
    if (offer.outcome !== null) return { ok: false, reason: 'already_decided' };
    if (decision.now < offer.expires_at) return { ok: false, reason: 'not_due' };
    const decided = await decide(trx, offer, 'expired', decision.now);
    const limit = decision.maxMissedOffers ?? 0;
    if (!decided.ok || limit <= 0) return decided;
    const presence = await trx.selectFrom('agent_presence').select(['status', 'since']).where('agent_id', '=', offer.agent_id).executeTakeFirst();
    if (presence?.status !== 'available' && presence?.status !== 'busy') return decided;
    const recent = await trx
      .selectFrom('offers')
      .select('outcome')
      .where('agent_id', '=', offer.agent_id)
      .where('outcome', 'in', ['accepted', 'declined', 'expired'])
      .where('created_at', '>=', presence.since)
      .orderBy('decided_at', 'desc')
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    if (recent.length < limit || recent.some((o) => o.outcome !== 'expired')) return decided;
    const away = await setPresence(trx, { agentId: offer.agent_id, status: 'away', reason: 'missed_offers', now: decision.now });
    return away?.changed ? { ...decided, awayForMissedOffers: away.presence } : decided;
  });
}

export function getOffer(db: Db, id: string): Promise<Offer | undefined> {
  return db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The agent's open offers, oldest first (what their console shows as ringing). */
export function listOpenOffers(db: Db, agentId: string): Promise<Offer[]> {
  return db.selectFrom('offers').selectAll().where('agent_id', '=', agentId).where('outcome', 'is', null).orderBy('created_at').execute();
}

/** The offers with these ids (any order; missing ones left out). */
export function getOffers(db: Db, ids: readonly string[]): Promise<Offer[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('offers').selectAll().where('id', 'in', [...ids]).execute();
}

/** The interaction's open offer, if any (at most one exists). */
export function getOpenOffer(db: Db, interactionId: string): Promise<Offer | undefined> {
  return db.selectFrom('offers').selectAll().where('interaction_id', '=', interactionId).where('outcome', 'is', null).executeTakeFirst();
}
