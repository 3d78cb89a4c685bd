import { getInteraction, transferInteraction as transferRow, type TransferResult } from '@cc/db/repositories/interactions';
import { inTransaction } from '@cc/db/repositories/transaction';
import type { Interaction } from '@cc/db/tables/interactions';
import { closed } from '@cc/workflows/workflows/interaction-signals';
import type { WorkflowStart } from '@cc/db/tables/workflow-starts';
import { oweWorkflowStart } from './arrival';
import type { RoutingDeps } from './deps';
import { agentFreed } from './offers';
import { AgentUnavailableError, ChannelNotServedError, InteractionStateError, InvalidRoutingSettingError, NotFoundError, NotYourInteractionError } from './errors';
import { signalWorkflow } from './workflow-starts';

/** The refusal a transfer (or any holder's action on an interaction) maps to. */
export function interactionRefusal(reason: Exclude<TransferResult, { ok: true }>['reason'], action: string, status: string, channel: string): Error {
  switch (reason) {
    case 'not_found':
      return new NotFoundError('Interaction');
    case 'not_yours':
      return new NotYourInteractionError();
    case 'wrong_status':
      return new InteractionStateError(status, action);
    case 'no_such_queue':
      return new NotFoundError('Queue');
    case 'channel_not_served':
      return new ChannelNotServedError(channel);
    case 'agent_unavailable':
      return new AgentUnavailableError();
    case 'same_agent':
      return new InvalidRoutingSettingError('The interaction is already yours; choose another agent or a queue.');
  }
}

/**
 * Hands an assigned interaction to a queue or an agent: the current one ends as `transferred` and
 * a new one starts (offered at once to a chosen agent), with its workflow start owed in the same
 * transaction. The old workflow is closed and the holder freed. `holderId` is the agent holding
 * it (the caller, or the current holder when a supervisor reassigns). Throws the routing errors of
 * `interactionRefusal`.
 */
export async function transferInteraction(
  deps: RoutingDeps,
  input: { interactionId: string; holderId: string; to: { queueId: string } | { agentId: string } },
): Promise<{ from: Interaction; interaction: Interaction }> {
  const current = await getInteraction(deps.db, input.interactionId);
  if (!current) throw new NotFoundError('Interaction');
  let owed: WorkflowStart | null = null;
  const result = await inTransaction(deps.db, async (trx) => {
    const r = await transferRow(trx, { interactionId: input.interactionId, agentId: input.holderId, to: input.to, now: deps.clock() });
    if (r.ok) owed = await oweWorkflowStart(trx, r.interaction, { offer: r.offer, plan: null }, { claimedUntil: deps.relay.claimForNewRow() });
    return r;
  });
  if (!result.ok) throw interactionRefusal(result.reason, 'transferred', current.status, current.channel);
  if (owed) deps.relay.startOwned([owed]);
  await signalWorkflow(deps, input.interactionId, closed);
  await deps.notify.interactionChanged(result.from);
  if (result.offer) await deps.notify.offerMade(result.offer, result.interaction);
  else await deps.notify.interactionChanged(result.interaction);
  await agentFreed(deps, input.holderId);
  return { from: result.from, interaction: result.interaction };
}

/** A supervisor moves an assigned interaction to another agent or queue (a transfer on its holder's behalf). */
export async function reassignInteraction(deps: RoutingDeps, input: { interactionId: string; to: { queueId: string } | { agentId: string } }): Promise<{ interaction: Interaction }> {
  const current = await getInteraction(deps.db, input.interactionId);
  if (!current) throw new NotFoundError('Interaction');
  if (!current.assigned_agent_id || current.status !== 'assigned') throw new InteractionStateError(current.status, 'reassigned');
  return transferInteraction(deps, { interactionId: current.id, holderId: current.assigned_agent_id, to: input.to });
}
