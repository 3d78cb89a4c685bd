import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Db } from '@cc/db/database';
import { createInteraction, type NewInteraction } from '@cc/db/repositories/interactions';
import type { Actor } from '@cc/db/repositories/interaction-events';
import { inTransaction } from '@cc/db/repositories/transaction';
import { offerFreedAgent, type RoutingNotifier } from '@cc/workflows/routing-dispatch';
import { interactionWorkflow } from '@cc/workflows/workflows/interaction';
import type { Interaction } from '@cc/db/tables/interactions';

export interface RoutingService {
  /**
   * Puts a contact in its queue and starts its workflow (id = interaction id) in one step: when
   * Temporal refuses the start, the row is rolled back and nothing half-exists.
   */
  enqueue(input: NewInteraction, actor?: Actor): ReturnType<typeof createInteraction>;
  /** Starts the workflow of an interaction that another transaction already created (transfers). */
  startWorkflow(interaction: Interaction): Promise<void>;
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
    agentFreed: async (agentId) => {
      await offerFreedAgent({ db: deps.db, clock: deps.clock, notify: deps.notify }, agentId);
    },
    signal: async (interactionId, signal, ...args) => {
      await deps.temporal.workflow.getHandle(interactionId).signal(signal, ...args);
    },
  };
}
