import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Db } from '@cc/db/database';
import { abandonInteraction, createInteraction, getInteraction, type NewInteraction } from '@cc/db/repositories/interactions';
import type { Actor } from '@cc/db/repositories/interaction-events';
import { inTransaction } from '@cc/db/repositories/transaction';
import { offerFreedAgent, toOfferMade, type RoutingNotifier } from '@cc/workflows/routing-dispatch';
import { routingPlan, type RoutingPlan } from '@cc/workflows/routing-plan';
import { matchNext, offerToAgent, type MatchPolicy, type SupervisorOfferResult } from '@cc/db/repositories/matching';
import { getQueue } from '@cc/db/repositories/queues';
import type { Offer } from '@cc/db/tables/offers';
import { interactionWorkflow } from '@cc/workflows/workflows/interaction';
import { customerLeft, customerMessage } from '@cc/workflows/workflows/interaction-signals';
import { receiveCustomerMessage } from '@cc/db/repositories/inbound';
import type { Interaction } from '@cc/db/tables/interactions';

export interface RoutingService {
  /** Where routing changes are announced (subscriptions, chat endings): one path for API and worker. */
  notify: RoutingNotifier;
  /**
   * Puts a contact in its queue and starts its workflow (id = interaction id) in one step: when
   * Temporal refuses the start, the row is rolled back and nothing half-exists.
   */
  enqueue(input: NewInteraction, actor?: Actor): ReturnType<typeof createInteraction>;
  /** Starts the workflow of an interaction that another transaction already created (transfers). */
  startWorkflow(interaction: Interaction, initialOffer?: Offer | null): Promise<void>;
  /**
   * The customer hung up or left: a waiting interaction is abandoned at once (its open offer
   * withdrawn); an assigned one goes to wrap-up through its workflow. Returns the interaction.
   */
  customerLeft(interactionId: string): Promise<Interaction | undefined>;
  /**
   * A customer's message (WhatsApp, chat, email): stored once, appended to their open interaction
   * of that channel or opening a new one in `queueId`, whose workflow is signalled (or started by
   * the signal) in the same transaction.
   */
  receiveMessage(input: Parameters<typeof receiveCustomerMessage>[1]): ReturnType<typeof receiveCustomerMessage>;
  /** Offers waiting work to an agent who became available or freed a slot. */
  agentFreed(agentId: string): Promise<void>;
  /**
   * A supervisor puts a waiting interaction to a chosen agent: an offer they accept or decline like
   * any other, made at once (an open offer to someone else is withdrawn first, and that agent may
   * get other work). The interaction's workflow is told, so the offer expires on its timer.
   */
  offerToAgent(input: { interactionId: string; agentId: string; actor: Actor }): Promise<SupervisorOfferResult>;
  signal<Args extends unknown[]>(interactionId: string, signal: import('@temporalio/client').SignalDefinition<Args>, ...args: Args): Promise<void>;
}

export function createRoutingService(deps: {
  db: Db;
  temporal: Client;
  taskQueue: string;
  notify: RoutingNotifier;
  clock: () => Date;
  wrapUpSeconds: number;
  /** ROUTING_PASSED_OVER_SECONDS; the repository's default when left out. */
  matchPolicy?: MatchPolicy;
}): RoutingService {
  const freeing = { db: deps.db, clock: deps.clock, notify: deps.notify, policy: deps.matchPolicy };
  const start = async (interaction: Interaction, initialOffer: Offer | null = null, plan: RoutingPlan | null = null) => {
    try {
      await deps.temporal.workflow.start(interactionWorkflow, {
        workflowId: interaction.id,
        taskQueue: deps.taskQueue,
        args: [{ interactionId: interaction.id, initialOffer: initialOffer && toOfferMade(initialOffer), plan }],
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  };
  /**
   * The first match happens where the contact arrives, in its transaction: the offer reaches the
   * agent without waiting for a workflow task, and the workflow starts already holding it (to run
   * its expiry). A closed queue is left to the workflow's closed-hours path.
   */
  const matchOnArrival = async (trx: Db, interaction: Interaction): Promise<{ offer: Offer | null; plan: RoutingPlan | null }> => {
    const queue = await getQueue(trx, interaction.queue_id);
    if (!queue) return { offer: null, plan: null };
    const plan = routingPlan(queue, deps.clock(), deps.wrapUpSeconds);
    if (!plan.queueOpen) return { offer: null, plan };
    const matched = await matchNext(trx, { interactionId: interaction.id }, deps.clock(), deps.matchPolicy);
    return { offer: matched.ok ? matched.offer : null, plan };
  };
  const announce = async (interaction: Interaction, offer: Offer | null) => {
    if (offer) await deps.notify.offerMade(offer, interaction);
    else await deps.notify.interactionChanged(interaction);
  };
  return {
    notify: deps.notify,
    enqueue: async (input, actor) => {
      let offer: Offer | null = null;
      const created = await inTransaction(deps.db, async (trx) => {
        const result = await createInteraction(trx, input, deps.clock(), actor);
        if (!result.ok) return result;
        const arrival = await matchOnArrival(trx, result.interaction);
        offer = arrival.offer;
        await start(result.interaction, offer, arrival.plan);
        return result;
      });
      if (created.ok) await announce(created.interaction, offer);
      return created;
    },
    startWorkflow: start,
    receiveMessage: async (input) => {
      let offer: Offer | null = null;
      const result = await receiveCustomerMessage(deps.db, input, deps.clock(), async (trx, { interaction, message, interactionCreated }) => {
        const arrival = interactionCreated ? await matchOnArrival(trx, interaction) : { offer: null, plan: null };
        offer = arrival.offer;
        await deps.temporal.workflow.signalWithStart(interactionWorkflow, {
          workflowId: interaction.id,
          taskQueue: deps.taskQueue,
          args: [{ interactionId: interaction.id, initialOffer: offer && toOfferMade(offer), plan: arrival.plan }],
          signal: customerMessage,
          signalArgs: [{ messageId: message.id }],
        });
      });
      if (!result.duplicate && 'interaction' in result) await announce(result.interaction, offer);
      return result;
    },
    customerLeft: async (interactionId) => {
      const abandoned = await abandonInteraction(deps.db, { interactionId, now: deps.clock() });
      if (abandoned.ok) await deps.notify.interactionChanged(abandoned.interaction);
      if (abandoned.ok || abandoned.reason === 'wrong_status') {
        await deps.temporal.workflow.getHandle(interactionId).signal(customerLeft);
      }
      // The withdrawn offer frees its agent.
      if (abandoned.ok && abandoned.cancelledOffer) {
        await deps.notify.offerEnded(abandoned.cancelledOffer);
        await offerFreedAgent(freeing, abandoned.cancelledOffer.agent_id);
      }
      return getInteraction(deps.db, interactionId);
    },
    agentFreed: async (agentId) => {
      await offerFreedAgent(freeing, agentId);
    },
    offerToAgent: async (input) => {
      const result = await offerToAgent(deps.db, { ...input, now: deps.clock() });
      if (!result.ok) return result;
      if (result.withdrawn) await deps.notify.offerEnded(result.withdrawn);
      await deps.notify.signalOfferMade(result.interaction.id, toOfferMade(result.offer));
      await deps.notify.offerMade(result.offer, result.interaction);
      // The withdrawn offer's slot is free again.
      if (result.withdrawn) await offerFreedAgent(freeing, result.withdrawn.agent_id);
      return result;
    },
    signal: async (interactionId, signal, ...args) => {
      await deps.temporal.workflow.getHandle(interactionId).signal(signal, ...args);
    },
  };
}
