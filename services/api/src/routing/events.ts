import type { Client } from '@temporalio/client';
import type { RoutingNotifier } from '@cc/workflows/routing-dispatch';
import { offerMade } from '@cc/workflows/workflows/interaction-signals';
import type { AppPubSub } from '../pubsub';
import { offerEvent } from './offer-events';
import { signalWorkflow, type WorkflowStartRelay } from './workflow-starts';

/**
 * What the routing domain announces: routing events become subscription events (offers to the
 * agent, the interaction, queue figures, agent load); offers made outside an interaction's
 * workflow become signals to it. Payloads carry ids (subscribers read the current rows), except offers, which carry theirs (offer-events.ts).
 */
export function createRoutingEvents(pubsub: AppPubSub, temporal: Client, relay: WorkflowStartRelay): RoutingNotifier {
  return {
    offerMade: async (offer, interaction) => {
      pubsub.publish('offers', offer.agent_id, offerEvent(offer, interaction));
      pubsub.publish('interactionUpdated', interaction.id, { interactionId: interaction.id });
      pubsub.publish('queueStats', { queueId: interaction.queue_id });
      // An open offer holds one of the agent's slots.
      pubsub.publish('agentsUpdated', { agentId: offer.agent_id });
    },
    offerEnded: async (offer) => {
      pubsub.publish('offers', offer.agent_id, offerEvent(offer));
      pubsub.publish('agentsUpdated', { agentId: offer.agent_id });
    },
    interactionChanged: async (interaction) => {
      pubsub.publish('interactionUpdated', interaction.id, { interactionId: interaction.id });
      pubsub.publish('queueStats', { queueId: interaction.queue_id });
      // Assigned, wrapped up, closed or transferred: the holder's load (and occupancy) moved.
      if (interaction.assigned_agent_id) pubsub.publish('agentsUpdated', { agentId: interaction.assigned_agent_id });
    },
    presenceChanged: async (agentId, queueIds) => {
      pubsub.publish('agentsUpdated', { agentId });
      for (const queueId of queueIds) pubsub.publish('queueStats', { queueId });
    },
    signalOfferMade: async (interactionId, offer) => {
      await signalWorkflow({ temporal, relay }, interactionId, offerMade, offer);
    },
  };
}

/** Supervisors changed an agent's routing profile or a queue's settings: the lists and figures watching them refresh. */
export interface RoutingSettingsEvents {
  agentChanged(agentId: string): void;
  queueChanged(queueId: string): void;
}

export function createRoutingSettingsEvents(pubsub: AppPubSub): RoutingSettingsEvents {
  return {
    agentChanged: (agentId) => pubsub.publish('agentsUpdated', { agentId }),
    queueChanged: (queueId) => pubsub.publish('queueStats', { queueId }),
  };
}
