import type { Db } from '@cc/db/database';
import type { Interaction } from '@cc/db/tables/interactions';
import type { Message } from '@cc/db/tables/messages';
import { handleClosedHours } from '@cc/db/repositories/closed-hours';
import { abandonInteraction, closeInteraction, getInteraction, overflowInteraction, wrapUpInteraction } from '@cc/db/repositories/interactions';
import { listAgentQueueIds } from '@cc/db/repositories/agents';
import { defaultMatchPolicy, matchNext, type MatchPolicy } from '@cc/db/repositories/matching';
import { expireOffer as expireOfferRow, getOffer, getOpenOffer } from '@cc/db/repositories/offers';
import { getQueue } from '@cc/db/repositories/queues';
import { raiseInteractionPriority } from '@cc/db/repositories/escalation';
import { systemActor } from '@cc/db/repositories/interaction-events';
import type { OfferMade } from '../workflows/interaction-signals';
import { offerFreedAgent, toOfferMade, type RoutingNotifier } from '../routing-dispatch';
import { routingPlan, type RoutingPlan } from '../routing-plan';
import { ApplicationFailure } from '@temporalio/common';

/**
 * What channels do at routing moments (bridge a call to the agent, deliver an automatic reply).
 * Adapters live in services/channels; the composition root wires them in.
 */
export interface ChannelHooks {
  /**
   * Connects the agent (bridges a call). Throws when it could not: an error with `retryable: false`
   * (a provider refusal) is not tried again. `caller_gone`: the customer left before it could.
   */
  onAssigned(interaction: Interaction): Promise<ConnectOutcome | void>;
  /**
   * Connecting the agent failed for good (`reason`, a sentence): the channel puts the customer back
   * in the queue and tells the agent; true when it did (the interaction ended, a new one waits).
   */
  onConnectFailed(interaction: Interaction, reason: string): Promise<boolean>;
  deliverAutoReply(message: Message, interaction: Interaction): Promise<void>;
}

export type ConnectOutcome = 'connected' | 'caller_gone';

export const noChannelHooks: ChannelHooks = { onAssigned: async () => {}, onConnectFailed: async () => false, deliverAutoReply: async () => {} };

export interface RoutingDeps {
  db: Db;
  clock: () => Date;
  notify: RoutingNotifier;
  channels: ChannelHooks;
  /** After-contact work before an interaction closes by itself. */
  wrapUpSeconds: number;
  /** Who is offered what first (ROUTING_PASSED_OVER_SECONDS); defaults when left out. */
  matchPolicy?: MatchPolicy;
  /** Offers in a row left to expire before the agent is set away (ROUTING_MAX_MISSED_OFFERS); 0 never. */
  maxMissedOffers?: number;
}

/** The interaction workflow's activities: each one a short PostgreSQL transaction plus events. */
export function createRoutingActivities(deps: RoutingDeps) {
  const { db, clock, notify } = deps;
  const policy = deps.matchPolicy ?? defaultMatchPolicy;

  /**
   * Workflows are started from the outbox after their interaction's transaction commits, but one
   * started by an older process inside that transaction could run a moment before the commit:
   * throwing lets Temporal retry until the row is visible, instead of acting on nothing.
   */
  async function committed(interactionId: string): Promise<Interaction> {
    const interaction = await getInteraction(db, interactionId);
    if (!interaction) throw new Error(`interaction ${interactionId} is not committed yet`);
    return interaction;
  }

  async function plan(interactionId: string): Promise<RoutingPlan> {
    const interaction = await committed(interactionId);
    const queue = await getQueue(db, interaction.queue_id);
    if (!queue) throw new Error(`queue ${interaction.queue_id} of interaction ${interactionId} not found`);
    return routingPlan(queue, clock(), deps.wrapUpSeconds);
  }

  /** An agent who was just freed may take the next waiting interaction. */
  async function freed(agentId: string | null): Promise<void> {
    if (agentId) await offerFreedAgent({ db, clock, notify, policy }, agentId);
  }

  return {
    loadRoutingPlan: plan,

    async closeOutsideBusinessHours(interactionId: string): Promise<void> {
      await committed(interactionId);
      const result = await handleClosedHours(db, { interactionId, now: clock() });
      if (!result) return;
      await notify.interactionChanged(result.interaction);
      if (result.autoReply) await deps.channels.deliverAutoReply(result.autoReply, result.interaction);
    },

    /**
     * The interaction was just assigned: the channel connects the agent (e.g. bridges the call). A
     * provider's refusal is final; anything else is retried within the workflow's bounded policy.
     */
    async connectAgent(interactionId: string): Promise<ConnectOutcome> {
      const interaction = await getInteraction(db, interactionId);
      if (interaction?.status !== 'assigned') return 'connected';
      try {
        return (await deps.channels.onAssigned(interaction)) ?? 'connected';
      } catch (e) {
        if (e instanceof Error && (e as { retryable?: unknown }).retryable === false) throw ApplicationFailure.nonRetryable(e.message, e.name);
        throw e;
      }
    },

    /** Connecting failed for good: the channel re-queues the customer and tells the agent. */
    async connectFailed(interactionId: string, reason: string): Promise<boolean> {
      const interaction = await getInteraction(db, interactionId);
      if (interaction?.status !== 'assigned') return false;
      return deps.channels.onConnectFailed(interaction, reason);
    },

    /** The customer left an assigned interaction before the agent was ever connected: abandoned, the agent freed. */
    async abandonUnconnected(interactionId: string): Promise<void> {
      const result = await abandonInteraction(db, { interactionId, now: clock(), evenIfAssigned: true });
      if (!result.ok) return;
      await notify.interactionChanged(result.interaction);
      if (result.cancelledOffer) await notify.offerEnded(result.cancelledOffer);
      await freed(result.interaction.assigned_agent_id ?? result.cancelledOffer?.agent_id ?? null);
    },

    /** Offers the interaction to the best agent; idempotent: a retry returns the offer already open. */
    async offerInteraction(interactionId: string): Promise<OfferMade | null> {
      await committed(interactionId);
      let result = await matchNext(db, { interactionId }, clock(), policy);
      // `busy`: the agents it could go to were being matched by others this instant; try again soon.
      for (let i = 0; i < 5 && !result.ok && result.reason === 'busy'; i++) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
        result = await matchNext(db, { interactionId }, clock(), policy);
      }
      if (result.ok) {
        await notify.offerMade(result.offer, result.interaction);
        return toOfferMade(result.offer);
      }
      const open = await getOpenOffer(db, interactionId);
      return open ? toOfferMade(open) : null;
    },

    /**
     * Ends an offer nobody answered; returns the outcome that stands (an accept may have won). An
     * agent who let `maxMissedOffers` offers in a row expire is set away; their console learns it
     * from the expired offer on their subscription and their presence (reason 'missed_offers').
     * The workflow then offers the interaction again, to the same agent if no one else is free.
     */
    async expireOffer(offerId: string): Promise<'accepted' | 'declined' | 'expired' | 'cancelled'> {
      const result = await expireOfferRow(db, { offerId, now: clock(), maxMissedOffers: deps.maxMissedOffers ?? 0 });
      if (result.ok) {
        if (result.awayForMissedOffers) await notify.presenceChanged(result.offer.agent_id, await listAgentQueueIds(db, result.offer.agent_id));
        await notify.offerEnded(result.offer);
        await notify.interactionChanged(result.interaction);
        // The slot the offer held is free: other work may wait for this agent (this interaction comes
        // back to them only if no one else eligible is free; the workflow offers it next).
        if (!result.awayForMissedOffers) await freed(result.offer.agent_id);
        return 'expired';
      }
      const offer = await getOffer(db, offerId);
      if (!offer?.outcome) throw new Error(`offer ${offerId} could not be expired: ${result.reason}`);
      return offer.outcome;
    },

    /** Past the service-level threshold: served ahead of same-priority contacts. */
    async raisePriority(interactionId: string): Promise<void> {
      const result = await raiseInteractionPriority(db, { interactionId, by: 1, now: clock() });
      if (result.ok) await notify.interactionChanged(result.interaction);
    },

    /** Past the overflow threshold: moves to the overflow queue; returns the plan of where it now waits. */
    async overflowToNextQueue(interactionId: string): Promise<RoutingPlan> {
      const result = await overflowInteraction(db, { interactionId, now: clock() });
      if (result.ok) await notify.interactionChanged(result.interaction);
      return plan(interactionId);
    },

    async abandonInteraction(interactionId: string): Promise<void> {
      const result = await abandonInteraction(db, { interactionId, now: clock() });
      if (result.ok) await notify.interactionChanged(result.interaction);
    },

    /** The customer hung up on an assigned interaction: after-contact work starts. */
    async startWrapUp(interactionId: string): Promise<void> {
      const current = await getInteraction(db, interactionId);
      if (!current?.assigned_agent_id) return;
      const result = await wrapUpInteraction(db, { interactionId, agentId: current.assigned_agent_id, now: clock() });
      if (!result.ok) return;
      await notify.interactionChanged(result.interaction);
      // Only a call's wrap-up keeps the agent's slot (countsAgainstCapacity).
      if (result.interaction.channel !== 'voice') await freed(current.assigned_agent_id);
    },

    async closeAfterWrapUp(interactionId: string): Promise<void> {
      const result = await closeInteraction(db, { interactionId, actor: systemActor, now: clock() });
      if (!result.ok) return;
      await notify.interactionChanged(result.interaction);
      await freed(result.interaction.assigned_agent_id);
    },
  };
}

export type RoutingActivities = ReturnType<typeof createRoutingActivities>;
