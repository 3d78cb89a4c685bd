import { providerError } from '@cc/channels/provider-failure';
import { classifyTwilioError } from '@cc/channels/twilio/errors';
import { isCallGoneError, redirectCall } from '@cc/channels/twilio-voice/calls';
import { hangupTwiml } from '@cc/channels/twilio-voice/twiml';
import { recordInteractionEvent } from '@cc/db/repositories/interaction-events';
import { setCallHold } from '@cc/db/repositories/voice-calls';
import type { Interaction } from '@cc/db/tables/interactions';
import type { TwilioDeps } from './deps';
import { agentBridgeTwiml, customerLeft, onHoldCallTwiml } from './voice-calls';
import { voicePrompts } from './voice-prompts';
import { logger } from '@cc/core/logger';

export type HoldResult = { ok: true; interaction: Interaction } | { ok: false; reason: 'no_call' | 'unchanged' | 'call_gone' };

/**
 * Hold and resume by redirecting the caller's live call, as routing already does to bridge it:
 * hold plays looped music; resume dials the same agent again, naming the interaction so their
 * softphone answers by itself. Chosen over moving every bridge into a Twilio conference (whose
 * participants API has hold built in) because it adds two REST updates and changes nothing in
 * the bridging, transfer and status paths that work today.
 *
 * The hold is marked before the redirect: the ended agent leg's dial-ended webhook then keeps the
 * caller on hold instead of ending the call. A refused redirect undoes the mark.
 */
export async function holdCall(deps: TwilioDeps, interaction: Interaction, agentId: string, onHold: boolean): Promise<HoldResult> {
  const callSid = typeof interaction.context.callSid === 'string' ? interaction.context.callSid : null;
  if (!callSid) return { ok: false, reason: 'no_call' };
  const marked = await setCallHold(deps.db, { interactionId: interaction.id, agentId, onHold });
  if (!marked) return { ok: false, reason: 'unchanged' };
  let data: Record<string, unknown> = {};
  try {
    let twiml = onHoldCallTwiml(deps);
    if (!onHold) {
      const bridge = await agentBridgeTwiml(deps, marked, agentId, { interactionId: marked.id });
      twiml = bridge.twiml;
      data = { to: bridge.to };
    }
    await redirectCall(deps.client, callSid, twiml);
  } catch (e) {
    await setCallHold(deps.db, { interactionId: interaction.id, agentId, onHold: !onHold });
    // Twilio down or refusing: the typed error says which (the mark is undone, nothing changed).
    if (!isCallGoneError(e)) throw providerError('Twilio', classifyTwilioError(e));
    await customerLeft(deps, marked);
    return { ok: false, reason: 'call_gone' };
  }
  await recordInteractionEvent(deps.db, {
    interactionId: marked.id,
    type: onHold ? 'call_held' : 'call_resumed',
    actor: { type: 'user', id: agentId },
    data,
    at: deps.clock(),
  });
  deps.pubsub.publish('interactionUpdated', marked.id, { interactionId: marked.id });
  return { ok: true, interaction: marked };
}

/**
 * The agent wrapped up or closed a call they had on hold: nobody will resume it, and the caller
 * (with no agent leg to hang up) would hear music until they gave up, so they hear goodbye.
 * Best effort after the change is committed: a failure is logged, not reported to the agent.
 */
export async function endHeldCall(deps: TwilioDeps, interaction: Interaction): Promise<void> {
  const callSid = typeof interaction.context.callSid === 'string' ? interaction.context.callSid : null;
  if (interaction.channel !== 'voice' || interaction.context.onHold !== true || !callSid) return;
  try {
    await redirectCall(deps.client, callSid, hangupTwiml({ text: voicePrompts(deps.config.TWILIO_VOICE_LANGUAGE).goodbye, language: deps.config.TWILIO_VOICE_LANGUAGE }));
  } catch (e) {
    if (!isCallGoneError(e)) logger().error({ err: e }, 'could not end a held call');
  }
}
