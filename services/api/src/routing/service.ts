import type { SignalDefinition } from '@temporalio/client';
import { abandonInteraction, getInteraction } from '@cc/db/repositories/interactions';
import type { Interaction } from '@cc/db/tables/interactions';
import type { RoutingNotifier } from '@cc/workflows/routing-dispatch';
import { customerLeft as customerLeftSignal } from '@cc/workflows/workflows/interaction-signals';
import { saveAgent, setAgentPresence, setPresence } from './agent-settings';
import { enqueueInteraction, receiveMessage } from './arrival';
import type { RoutingDeps } from './deps';
import { agentFreed, assignInteraction, decideOffer } from './offers';
import { createQueue, updateQueue } from './queue-settings';
import { reassignInteraction, transferInteraction } from './transfer';
import { signalWorkflow } from './workflow-starts';

/** The customer hung up or left: a waiting interaction is abandoned at once (its open offer withdrawn); an assigned one goes to wrap-up through its workflow. */
export async function customerLeft(deps: RoutingDeps, interactionId: string): Promise<Interaction | undefined> {
  const abandoned = await abandonInteraction(deps.db, { interactionId, now: deps.clock() });
  if (abandoned.ok) await deps.notify.interactionChanged(abandoned.interaction);
  if (abandoned.ok || abandoned.reason === 'wrong_status') await signalWorkflow(deps, interactionId, customerLeftSignal);
  // The withdrawn offer frees its agent.
  if (abandoned.ok && abandoned.cancelledOffer) {
    await deps.notify.offerEnded(abandoned.cancelledOffer);
    await agentFreed(deps, abandoned.cancelledOffer.agent_id);
  }
  return getInteraction(deps.db, interactionId);
}

type Bound<F> = F extends (deps: RoutingDeps, ...args: infer A) => infer R ? (...args: A) => R : never;

/**
 * The routing use cases bound to their deps, for adapters (GraphQL, webhooks, channels). Each
 * method is one use case of this folder; see there for what it does and the errors it throws.
 */
export interface RoutingService {
  /** Where routing changes are announced (subscriptions, chat endings): one path for API and worker. */
  notify: RoutingNotifier;
  deps: RoutingDeps;
  enqueue: Bound<typeof enqueueInteraction>;
  receiveMessage: Bound<typeof receiveMessage>;
  customerLeft: Bound<typeof customerLeft>;
  agentFreed: Bound<typeof agentFreed>;
  decideOffer: Bound<typeof decideOffer>;
  assign: Bound<typeof assignInteraction>;
  transfer: Bound<typeof transferInteraction>;
  reassign: Bound<typeof reassignInteraction>;
  setPresence: Bound<typeof setPresence>;
  setAgentPresence: Bound<typeof setAgentPresence>;
  saveAgent: Bound<typeof saveAgent>;
  createQueue: Bound<typeof createQueue>;
  updateQueue: Bound<typeof updateQueue>;
  signal<Args extends unknown[]>(interactionId: string, signal: SignalDefinition<Args>, ...args: Args): Promise<void>;
}


export function createRoutingService(deps: RoutingDeps): RoutingService {
  return {
    notify: deps.notify,
    deps,
    enqueue: (...a) => enqueueInteraction(deps, ...a),
    receiveMessage: (...a) => receiveMessage(deps, ...a),
    customerLeft: (...a) => customerLeft(deps, ...a),
    agentFreed: (...a) => agentFreed(deps, ...a),
    decideOffer: (...a) => decideOffer(deps, ...a),
    assign: (...a) => assignInteraction(deps, ...a),
    transfer: (...a) => transferInteraction(deps, ...a),
    reassign: (...a) => reassignInteraction(deps, ...a),
    setPresence: (...a) => setPresence(deps, ...a),
    setAgentPresence: (...a) => setAgentPresence(deps, ...a),
    saveAgent: (...a) => saveAgent(deps, ...a),
    createQueue: (...a) => createQueue(deps, ...a),
    updateQueue: (...a) => updateQueue(deps, ...a),
    signal: (interactionId, signal, ...args) => signalWorkflow(deps, interactionId, signal, ...args),
  };
}
