import { recordConsent } from '@cc/db/repositories/consents';
import { recordInteractionEvent } from '@cc/db/repositories/interaction-events';
import { getInteraction } from '@cc/db/repositories/interactions';
import { inTransaction } from '@cc/db/repositories/transaction';
import type { Consent, ConsentPurpose } from '@cc/db/tables/consents';
import { isAssignedAgent } from '../authorization/policy';
import type { ApiServices, Principal } from '../context';
import { WrongChannelError } from '../messaging/errors';
import { InteractionStateError, NotFoundError, NotYourInteractionError } from '../routing/errors';

/**
 * The agent on a call records what the caller agreed to (or withdrew) for WhatsApp messages, as
 * heard: the consent with its evidence (call SID, caller id, agent, time, wording) and a step on the
 * call's timeline, together; then the interaction's watchers hear of it.
 */
export async function recordCallerConsent(
  deps: Pick<ApiServices, 'db' | 'clock' | 'pubsub'>,
  request: { principal: Principal; interactionId: string; purpose: ConsentPurpose; granted: boolean; wording: string },
): Promise<Consent> {
  const { principal, purpose, granted } = request;
  if (principal.kind !== 'user') throw new NotYourInteractionError();
  const interaction = await getInteraction(deps.db, request.interactionId);
  if (!interaction) throw new NotFoundError('Interaction');
  if (!isAssignedAgent(principal, interaction)) throw new NotYourInteractionError();
  if (interaction.channel !== 'voice') throw new WrongChannelError('voice', interaction.channel);
  if (interaction.status !== 'assigned') throw new InteractionStateError(interaction.status, 'used to record consent');
  const now = deps.clock();
  const consent = await inTransaction(deps.db, async (trx) => {
    const row = await recordConsent(
      trx,
      {
        customerId: interaction.customer_id,
        channel: 'whatsapp',
        purpose,
        granted,
        source: 'agent_verbal',
        evidence: {
          callSid: interaction.context.callSid ?? null,
          callerId: interaction.context.from ?? null,
          agentId: principal.userId,
          at: now.toISOString(),
          wording: request.wording.trim(),
          purpose,
          granted,
        },
        recordedByUserId: principal.userId,
        messageId: null,
        interactionId: interaction.id,
      },
      now,
    );
    await recordInteractionEvent(trx, {
      interactionId: interaction.id,
      type: granted ? 'consent_recorded' : 'consent_withdrawn',
      actor: { type: 'user', id: principal.userId },
      data: { consentId: row!.id, purpose, channel: 'whatsapp', source: 'agent_verbal' },
      at: now,
    });
    return row!;
  });
  deps.pubsub.publish('interactionUpdated', interaction.id, { interactionId: interaction.id });
  return consent;
}
