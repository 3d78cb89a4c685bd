import type { Db } from '@cc/db/database';
import { createInteraction, type NewInteraction } from '@cc/db/repositories/interactions';
import type { Actor } from '@cc/db/repositories/interaction-events';
import { receiveCustomerMessage } from '@cc/db/repositories/inbound';
import { matchNext } from '@cc/db/repositories/matching';
import { getQueue } from '@cc/db/repositories/queues';
import { inTransaction, type Refusal } from '@cc/db/repositories/transaction';
import type { Queue } from '@cc/db/tables/queues';
import { addWorkflowStart } from '@cc/db/repositories/workflow-starts';
import type { Interaction } from '@cc/db/tables/interactions';
import type { Offer } from '@cc/db/tables/offers';
import type { WorkflowStart } from '@cc/db/tables/workflow-starts';
import { toOfferMade } from '@cc/workflows/routing-dispatch';
import { routingPlan, type RoutingPlan } from '@cc/workflows/routing-plan';
import { interactionWorkflow } from '@cc/workflows/workflows/interaction';
import { customerMessage } from '@cc/workflows/workflows/interaction-signals';
import type { RoutingDeps } from './deps';

/** What the arrival's transaction learnt: its first offer, its queue's plan, whether nobody eligible was free. */
export interface Arrival {
  offer: Offer | null;
  /** The interaction as the offer left it (offered), when one was made. */
  offered?: Interaction;
  plan: RoutingPlan | null;
  /** The match found no eligible agent free (not merely one held by another match): the workflow starts by waiting. */
  nobodyFree?: boolean;
}

/**
 * Records, in the caller's transaction, that `interaction`'s workflow must start (the outbox).
 * Arrivals pass `claimedUntil: relay.claimForNewRow()` and hand the row to `relay.startOwned`
 * after commit; without it, the relay's sweep starts it.
 */
export async function oweWorkflowStart(
  trx: Db,
  interaction: Interaction,
  arrival: Arrival,
  options: { signal?: { name: string; args: unknown[] }; claimedUntil?: Date } = {},
): Promise<WorkflowStart> {
  return addWorkflowStart(
    trx,
    {
      workflowId: interaction.id,
      workflowType: interactionWorkflow.name,
      args: [{ interactionId: interaction.id, initialOffer: arrival.offer && toOfferMade(arrival.offer), plan: arrival.plan, ...(arrival.nobodyFree ? { nobodyFreeOnArrival: true } : {}) }],
      signal: options.signal,
    },
    { claimedUntil: options.claimedUntil },
  );
}

/**
 * The first match happens where the contact arrives, in its transaction: the offer reaches the
 * agent without waiting for Temporal, and the workflow starts already holding it (to run its
 * expiry). A closed queue is left to the workflow's closed-hours path.
 */
async function matchOnArrival(deps: RoutingDeps, trx: Db, interaction: Interaction, knownQueue?: Queue): Promise<Arrival> {
  const queue = knownQueue ?? (await getQueue(trx, interaction.queue_id));
  if (!queue) return { offer: null, plan: null };
  const plan = routingPlan(queue, deps.clock(), deps.wrapUpSeconds);
  if (!plan.queueOpen) return { offer: null, plan };
  const matched = await matchNext(trx, { interactionId: interaction.id }, deps.clock(), deps.matchPolicy);
  // Nobody free: capacity freed later offers it by event (or the sweep, when that event raced this
  // uncommitted row); 'busy' (agents held by other matches this instant) leaves it to the workflow's retry.
  return matched.ok ? { offer: matched.offer, offered: matched.interaction, plan } : { offer: null, plan, nobodyFree: matched.reason === 'no_eligible_agent' };
}

/** A PostgreSQL constraint violation (foreign key, unique, check) on the named constraint. */
function violates(e: unknown, constraint: string): boolean {
  return e instanceof Error && 'constraint' in e && e.constraint === constraint;
}

async function announce(deps: RoutingDeps, interaction: Interaction, arrival: Arrival | null) {
  if (arrival?.offer) await deps.notify.offerMade(arrival.offer, arrival.offered ?? interaction);
  else await deps.notify.interactionChanged(interaction);
}

/**
 * Puts a contact in its queue: the interaction, its first offer and the workflow start it owes
 * are one transaction; the offer is published after commit and the start relayed to Temporal
 * without holding the caller.
 */
export async function enqueueInteraction(
  deps: RoutingDeps,
  input: NewInteraction,
  actor?: Actor,
): Promise<Awaited<ReturnType<typeof createInteraction>> | Refusal<'no_such_customer'>> {
  let arrival: Arrival | null = null;
  let owed: WorkflowStart | null = null;
  let created;
  try {
    created = await inTransaction(deps.db, async (trx) => {
      const result = await createInteraction(trx, input, deps.clock(), actor);
      if (!result.ok) return result;
      arrival = await matchOnArrival(deps, trx, result.interaction, result.queue);
      owed = await oweWorkflowStart(trx, result.interaction, arrival, { claimedUntil: deps.relay.claimForNewRow() });
      return result;
    });
  } catch (e) {
    // The customer is checked by the insert's foreign key, not by a read before it (a round trip
    // less on every arrival); the transaction rolled back, nothing was written.
    if (violates(e, 'interactions_customer_id_fkey')) return { ok: false, reason: 'no_such_customer' };
    throw e;
  }
  if (owed) deps.relay.startOwned([owed]);
  if (created.ok) await announce(deps, created.interaction, arrival);
  return created;
}

/**
 * A customer's message (WhatsApp, chat, email): stored once, appended to their open interaction
 * of that channel or opening a new one in `queueId`; its workflow is signalled (started by the
 * signal if new) through the outbox written in the same transaction.
 */
export async function receiveMessage(deps: RoutingDeps, input: Parameters<typeof receiveCustomerMessage>[1]): ReturnType<typeof receiveCustomerMessage> {
  let arrival: Arrival | null = null;
  let owed: WorkflowStart | null = null;
  const result = await receiveCustomerMessage(deps.db, input, deps.clock(), async (trx, { interaction, message, interactionCreated }) => {
    arrival = interactionCreated ? await matchOnArrival(deps, trx, interaction) : { offer: null, plan: null };
    owed = await oweWorkflowStart(trx, interaction, arrival, { signal: { name: customerMessage.name, args: [{ messageId: message.id }] }, claimedUntil: deps.relay.claimForNewRow() });
  });
  if (owed) deps.relay.startOwned([owed]);
  if (!result.duplicate && 'interaction' in result) await announce(deps, result.interaction, arrival);
  return result;
}
