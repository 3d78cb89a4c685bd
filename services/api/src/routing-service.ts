import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Db } from '@cc/db/database';
import { abandonInteraction, createInteraction, getInteraction, type NewInteraction } from '@cc/db/repositories/interactions';
import type { Actor } from '@cc/db/repositories/interaction-events';
import { inTransaction } from '@cc/db/repositories/transaction';
import { offerFreedAgent, type RoutingNotifier } from '@cc/workflows/routing-dispatch';
import { interactionWorkflow } from '@cc/workflows/workflows/interaction';
import { customerLeft, customerMessage } from '@cc/workflows/workflows/interaction-signals';
import { receiveCustomerMessage } from '@cc/db/repositories/inbound';
import type { Interaction } from '@cc/db/tables/interactions';

export interface RoutingService {
  /**
   * Puts a contact in its queue and starts its workflow (id = interaction id) in one step: when
   * Temporal refuses the start, the row is rolled back and nothing half-exists.
   */
  enqueue(input: NewInteraction, actor?: Actor): ReturnType<typeof createInteraction>;
  /** Starts the workflow of an interaction that another transaction already created (transfers). */
  startWorkflow(interaction: Interaction): Promise<void>;
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
  signal<Args extends unknown[]>(interactionId: string, signal: import('@temporalio/client').SignalDefinition<Args>, ...args: Args): Promise<void>;
}

export function createRoutingService(deps: {
  db: Db;
  temporal: Client;
  taskQueue: string;
  notify: RoutingNotifier;
  clock: () => Date;
}): RoutingService {
  const start = async (interaction: Interaction) => {
    try {
      await deps.temporal.workflow.start(interactionWorkflow, {
        workflowId: interaction.id,
        taskQueue: deps.taskQueue,
        args: [{ interactionId: interaction.id }],
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  };
  return {
    enqueue: (input, actor) =>
      inTransaction(deps.db, async (trx) => {
        const created = await createInteraction(trx, input, deps.clock(), actor);
        if (created.ok) await start(created.interaction);
        return created;
      }).then(async (created) => {
        if (created.ok) await deps.notify.interactionChanged(created.interaction);
        return created;
      }),
    startWorkflow: start,
    receiveMessage: async (input) => {
      const result = await receiveCustomerMessage(deps.db, input, deps.clock(), async ({ interaction, message }) => {
        await deps.temporal.workflow.signalWithStart(interactionWorkflow, {
          workflowId: interaction.id,
          taskQueue: deps.taskQueue,
          args: [{ interactionId: interaction.id }],
          signal: customerMessage,
          signalArgs: [{ messageId: message.id }],
        });
      });
      if (!result.duplicate && 'interaction' in result) await deps.notify.interactionChanged(result.interaction);
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
        await offerFreedAgent({ db: deps.db, clock: deps.clock, notify: deps.notify }, abandoned.cancelledOffer.agent_id);
      }
      return getInteraction(deps.db, interactionId);
    },
    agentFreed: async (agentId) => {
      await offerFreedAgent({ db: deps.db, clock: deps.clock, notify: deps.notify }, agentId);
    },
    signal: async (interactionId, signal, ...args) => {
      await deps.temporal.workflow.getHandle(interactionId).signal(signal, ...args);
    },
  };
}
