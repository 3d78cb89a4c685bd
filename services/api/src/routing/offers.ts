import { recordAuditEvent } from '@cc/db/repositories/audit';
import { getInteraction } from '@cc/db/repositories/interactions';
import { offerToAgent as offerToAgentRow } from '@cc/db/repositories/matching';
import { acceptOffer as acceptOfferRow, declineOffer as declineOfferRow, type OfferDecision } from '@cc/db/repositories/offers';
import type { Interaction } from '@cc/db/tables/interactions';
import { offerFreedAgent, toOfferMade } from '@cc/workflows/routing-dispatch';
import { offerDecided } from '@cc/workflows/workflows/interaction-signals';
import { logger } from '@cc/core/logger';
import type { RoutingDeps } from './deps';
import {
  AgentAtCapacityError,
  AgentUnavailableError,
  AlreadyOfferedError,
  InteractionStateError,
  NotAnAgentError,
  NotFoundError,
  NotYourOfferError,
  OfferAlreadyDecidedError,
  OfferExpiredError,
} from './errors';
import { signalWorkflow } from './workflow-starts';

function refuse(decision: Exclude<OfferDecision, { ok: true }>): Error {
  switch (decision.reason) {
    case 'not_found':
      return new NotFoundError('Offer');
    case 'not_yours':
      return new NotYourOfferError();
    case 'expired':
      return new OfferExpiredError();
    default:
      return new OfferAlreadyDecidedError();
  }
}

/** An agent who became available or freed a slot is offered waiting work at once. */
export async function agentFreed(deps: RoutingDeps, agentId: string): Promise<void> {
  await offerFreedAgent({ db: deps.db, clock: deps.clock, notify: deps.notify, policy: deps.matchPolicy }, agentId);
}

/**
 * Accepts or declines an offer: decided in PostgreSQL (where concurrent accepts are arbitrated),
 * then the workflow and watchers are told. Declining frees the slot the offer reserved, so other
 * waiting work may go to this agent. Throws NotFoundError | NotYourOfferError | OfferExpiredError |
 * OfferAlreadyDecidedError.
 */
export async function decideOffer(
  deps: RoutingDeps,
  input: { agentId: string; offerId: string; outcome: 'accepted' | 'declined' },
): Promise<{ interaction: Interaction }> {
  const args = { offerId: input.offerId, agentId: input.agentId, now: deps.clock() };
  const decision = input.outcome === 'accepted' ? await acceptOfferRow(deps.db, args) : await declineOfferRow(deps.db, args);
  if (!decision.ok) throw refuse(decision);
  // The decision stands once committed. Telling the workflow now only saves it waiting: if Temporal
  // cannot be reached, the offer's expiry timer reads the outcome from the database.
  await signalWorkflow(deps, decision.interaction.id, offerDecided, { offerId: input.offerId, outcome: input.outcome }).catch((e: unknown) =>
    logger().warn({ err: e, workflowId: decision.interaction.id }, 'the workflow was not told of the offer decision; its expiry timer will read it'),
  );
  await deps.notify.offerEnded(decision.offer);
  await deps.notify.interactionChanged(decision.interaction);
  if (input.outcome === 'declined') await agentFreed(deps, decision.offer.agent_id);
  return { interaction: decision.interaction };
}

/**
 * A supervisor puts a waiting interaction to a chosen agent: an offer they accept or decline like
 * any other, made at once (an open offer to someone else is withdrawn first, and that agent may
 * get other work). The interaction's workflow is told, so the offer expires on its timer; the
 * decision is audited. Throws NotFoundError | NotAnAgentError | InteractionStateError |
 * AgentUnavailableError | AgentAtCapacityError | AlreadyOfferedError.
 */
export async function assignInteraction(deps: RoutingDeps, input: { interactionId: string; agentId: string; actor: { type: 'user'; id: string } }): Promise<{ interaction: Interaction }> {
  const result = await offerToAgentRow(deps.db, { ...input, now: deps.clock() });
  if (!result.ok) {
    switch (result.reason) {
      case 'not_found':
        throw new NotFoundError('Interaction');
      case 'not_an_agent':
        throw new NotAnAgentError('That user does not take interactions; choose an agent.');
      case 'wrong_status': {
        const current = await getInteraction(deps.db, input.interactionId);
        throw new InteractionStateError(current?.status ?? 'closed', 'offered to an agent');
      }
      case 'agent_unavailable':
        throw new AgentUnavailableError();
      case 'no_free_slot':
        throw new AgentAtCapacityError();
      case 'already_offered':
        throw new AlreadyOfferedError();
    }
  }
  if (result.withdrawn) await deps.notify.offerEnded(result.withdrawn);
  await deps.notify.signalOfferMade(result.interaction.id, toOfferMade(result.offer));
  await deps.notify.offerMade(result.offer, result.interaction);
  // The withdrawn offer's slot is free again.
  if (result.withdrawn) await agentFreed(deps, result.withdrawn.agent_id);
  await recordAuditEvent(deps.db, {
    actorType: 'user',
    actorId: input.actor.id,
    action: 'interaction.assigned_by_supervisor',
    subjectType: 'interaction',
    subjectId: result.interaction.id,
    data: { agentId: result.offer.agent_id, offerId: result.offer.id },
  });
  return { interaction: result.interaction };
}
