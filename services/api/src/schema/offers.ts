import { getOffer, getOffers, listOpenOffers } from '@cc/db/repositories/offers';
import type { Offer as OfferRow } from '@cc/db/tables/offers';
import { builder } from '../builder';
import { noteOfferSeen } from '../authorization/policy';
import { offerEvent, offerFromEvent, type OfferWithInteraction } from '../routing/offer-events';
import { assertCanSubscribe } from './subscription-auth';
import { startingWith } from './subscription-start';
import type { Context } from '../context';
import { inputErrors } from './errors';
import { Interaction, InteractionPayload } from './interactions';
import { OfferOutcomeEnum } from './routing-enums';
import { NotFoundError, NotYourOfferError, OfferAlreadyDecidedError, OfferExpiredError } from '../routing/errors';
import { User } from './users';

export const Offer = builder.loadableNodeRef('Offer', {
  id: { resolve: (o: OfferRow) => o.id },
  load: async (ids: string[], ctx: Context) => {
    const rows = await getOffers(ctx.db, ids);
    return ids.map((id) => rows.find((r) => r.id === id) ?? new NotFoundError('Offer'));
  },
});

Offer.implement({
  description: 'An interaction put to one agent until they accept, decline, or it expires.',
  authScopes: (offer, ctx) =>
    ctx.principal.kind === 'user' && (ctx.principal.userId === offer.agent_id || ctx.principal.role !== 'agent') ? { user: true } : { supervisor: true },
  fields: (t) => ({
    interaction: t.field({ type: Interaction, description: 'The interaction offered.', resolve: (o: OfferWithInteraction) => o.interaction ?? o.interaction_id }),
    agent: t.field({ type: User, description: 'The agent it is offered to.', resolve: (o) => o.agent_id }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was made.' }),
    expiresAt: t.expose('expires_at', { type: 'DateTime', description: 'When it expires unanswered (the queue’s offerTimeoutSeconds after it was made).' }),
    outcome: t.field({ type: OfferOutcomeEnum, nullable: true, description: 'Null while the offer is open.', resolve: (o) => o.outcome }),
    decidedAt: t.expose('decided_at', { type: 'DateTime', nullable: true, description: 'When it was accepted, declined, expired or withdrawn; null while open.' }),
  }),
});

builder.queryField('myOffers', (t) =>
  t.field({
    type: [Offer],
    description: 'The signed-in agent’s open offers, oldest first.',
    authScopes: { user: true },
    resolve: (_r, _a, ctx) => (ctx.principal.kind === 'user' ? listOpenOffers(ctx.db, ctx.principal.userId) : []),
  }),
);

builder.subscriptionField('offers', (t) =>
  t.field({
    type: Offer,
    description: 'The signed-in agent’s open offers first, then offers as they are made, and again when they are decided, expire or are withdrawn.',
    authScopes: { user: true },
    subscribe: (_r, _a, ctx) => {
      assertCanSubscribe(ctx);
      const agentId = ctx.principal.kind === 'user' ? ctx.principal.userId : '-';
      const live = ctx.pubsub.subscribe('offers', agentId);
      return startingWith(async () => (await listOpenOffers(ctx.db, agentId)).map((o) => offerEvent(o)), live);
    },
    resolve: async (payload, _a, ctx) => {
      const offer = offerFromEvent(payload) ?? (await getOffer(ctx.db, payload.offerId))!;
      noteOfferSeen(ctx.principal, offer);
      return offer;
    },
  }),
);

const OfferInput = builder.inputType('OfferDecisionInput', {
  description: 'The offer to accept or decline.',
  fields: (t) => ({ offerId: t.globalID({ required: true, for: [Offer], description: 'An open offer made to you (Offer.id).' }) }),
});

const offerErrors = [NotFoundError, NotYourOfferError, OfferExpiredError, OfferAlreadyDecidedError, ...inputErrors];

/** The signed-in agent decides one of their offers (routing/offers.ts). */
function decide(ctx: Context, offerId: string, outcome: 'accepted' | 'declined') {
  if (ctx.principal.kind !== 'user') throw new NotYourOfferError();
  return ctx.routing.decideOffer({ agentId: ctx.principal.userId, offerId, outcome });
}

builder.mutationField('acceptOffer', (t) =>
  t.field({
    type: InteractionPayload,
    description: 'Takes the offered interaction. The answer says at once whether you got it.',
    authScopes: { user: true },
    errors: { types: offerErrors, directResult: true, union: { name: 'AcceptOfferResult' } },
    args: { input: t.arg({ type: OfferInput, required: true, description: 'Which offer.' }) },
    resolve: (_r, { input }, ctx) => decide(ctx, String(input.offerId.id), 'accepted'),
  }),
);

builder.mutationField('declineOffer', (t) =>
  t.field({
    type: InteractionPayload,
    description: 'Passes on the offer; the interaction goes to the next agent, and comes back to you only if no one else eligible is free.',
    authScopes: { user: true },
    errors: { types: offerErrors, directResult: true, union: { name: 'DeclineOfferResult' } },
    args: { input: t.arg({ type: OfferInput, required: true, description: 'Which offer.' }) },
    resolve: (_r, { input }, ctx) => decide(ctx, String(input.offerId.id), 'declined'),
  }),
);
