import { getInteraction } from '@cc/db/repositories/interactions';
import type { Interaction } from '@cc/db/tables/interactions';
import type { ApiServices, Principal } from '../context';
import { TwilioNotConfiguredError, WrongChannelError } from '../messaging/errors';
import { InteractionStateError, NotFoundError, NotYourInteractionError } from '../routing/errors';
import { holdCall } from '../twilio/call-hold';
import { NoLiveCallError } from './errors';
import { isAssignedTo } from '../authorization/policy';

/**
 * The agent puts their assigned call on hold (the caller hears music) or resumes it. Asking for
 * the state it is in changes nothing and returns the interaction as it is.
 */
export async function setCallOnHold(
  deps: Pick<ApiServices, 'db' | 'twilio'>,
  request: { principal: Principal; interactionId: string; onHold: boolean },
): Promise<Interaction> {
  const { principal, onHold } = request;
  if (principal.kind !== 'user') throw new NotYourInteractionError();
  const agentId = principal.userId;
  const action = onHold ? 'put on hold' : 'resumed';
  const interaction = await getInteraction(deps.db, request.interactionId);
  if (!interaction) throw new NotFoundError('Interaction');
  if (!isAssignedTo(agentId, interaction)) throw new NotYourInteractionError();
  if (interaction.channel !== 'voice') throw new WrongChannelError('voice', interaction.channel);
  if (interaction.status !== 'assigned') throw new InteractionStateError(interaction.status, action);
  if (!deps.twilio) throw new TwilioNotConfiguredError('Voice');
  const result = await holdCall(deps.twilio.deps, interaction, agentId, onHold);
  if (result.ok) return result.interaction;
  if (result.reason !== 'unchanged') throw new NoLiveCallError();
  // Already in that state, or it changed meanwhile (ended, transferred): say which.
  const now = await getInteraction(deps.db, interaction.id);
  if (now?.status === 'assigned' && now.assigned_agent_id === agentId) return now;
  throw new InteractionStateError(now?.status ?? 'closed', action);
}
