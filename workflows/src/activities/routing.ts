import type { Db } from '@cc/db/database';
import type { Interaction } from '@cc/db/tables/interactions';
import type { Message } from '@cc/db/tables/messages';
import { handleClosedHours } from '@cc/db/repositories/closed-hours';
import { abandonInteraction, closeInteraction, getInteraction, overflowInteraction, wrapUpInteraction } from '@cc/db/repositories/interactions';
import { matchNext } from '@cc/db/repositories/matching';
import { expireOffer as expireOfferRow, getOffer } from '@cc/db/repositories/offers';
import { raiseInteractionPriority } from '@cc/db/repositories/escalation';
import { systemActor } from '@cc/db/repositories/interaction-events';
import type { OfferMade } from '../workflows/interaction-signals';
import { offerFreedAgent, toOfferMade, type RoutingNotifier } from '../routing-dispatch';
import { routingPlan, type RoutingPlan } from '../routing-plan';

/**
 * What channels do at routing moments (bridge a call to the agent, deliver an automatic reply).
 * Adapters live in services/channels; the composition root wires them in.
 */
export interface ChannelHooks {
  onAssigned(interaction: Interaction): Promise<void>;
  deliverAutoReply(message: Message, interaction: Interaction): Promise<void>;
}

export const noChannelHooks: ChannelHooks = { onAssigned: async () => {}, deliverAutoReply: async () => {} };

export interface RoutingDeps {
  db: Db;
  clock: () => Date;
  notify: RoutingNotifier;
  channels: ChannelHooks;
  /** After-contact work before an interaction closes by itself. */
  wrapUpSeconds: number;
}

/** The interaction workflow's activities: each one a short PostgreSQL transaction plus events. */
export function createRoutingActivities(deps: RoutingDeps) {
  const { db, clock, notify } = deps;

  /**
   * The workflow is started inside the transaction that creates its interaction, so its first
   * activity can run a moment before that commit: throwing lets Temporal retry until the row is
   * visible, instead of acting on nothing (a start whose transaction rolled back never runs).
   */
  async function committed(interactionId: string): Promise<Interaction> {
    const interaction = await getInteraction(db, interactionId);
    if (!interaction) throw new Error(`interaction ${interactionId} is not committed yet`);
    return interaction;
  }

  async function plan(interactionId: string): Promise<RoutingPlan> {
    const interaction = await committed(interactionId);
    const queue = await db.selectFrom('queues').selectAll().where('id', '=', interaction.queue_id).executeTakeFirstOrThrow();
    return routingPlan(queue, clock(), deps.wrapUpSeconds);
  }

  /** An agent who was just freed may take the next waiting interaction. */
  async function freed(agentId: string | null): Promise<void> {
    if (agentId) await offerFreedAgent({ db, clock, notify }, agentId);
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

    /** The interaction was just assigned: the channel connects the agent (e.g. bridges the call). */
    async connectAgent(interactionId: string): Promise<void> {
      const interaction = await getInteraction(db, interactionId);
      if (interaction?.status === 'assigned') await deps.channels.onAssigned(interaction);
    },

    /** Offers the interaction to the best agent; idempotent: a retry returns the offer already open. */
    async offerInteraction(interactionId: string): Promise<OfferMade | null> {
      await committed(interactionId);
      let result = await matchNext(db, { interactionId }, clock());
      // `busy`: the agents it could go to were being matched by others this instant; try again soon.
      for (let i = 0; i < 5 && !result.ok && result.reason === 'busy'; i++) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
        result = await matchNext(db, { interactionId }, clock());
      }
      if (result.ok) {
        await notify.offerMade(result.offer, result.interaction);
        return toOfferMade(result.offer);
      }
      const open = await db.selectFrom('offers').selectAll().where('interaction_id', '=', interactionId).where('outcome', 'is', null).executeTakeFirst();
      return open ? toOfferMade(open) : null;
    },

    /** Ends an offer nobody answered; returns the outcome that stands (an accept may have won). */
    async expireOffer(offerId: string): Promise<'accepted' | 'declined' | 'expired' | 'cancelled'> {
      const result = await expireOfferRow(db, { offerId, now: clock() });
      if (result.ok) {
        await notify.offerEnded(result.offer);
        await notify.interactionChanged(result.interaction);
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
