import { isQueueOpen } from '@cc/core/business-hours';
import { normalizeIdentity } from '@cc/core/identity';
import { agentClientIdentity } from '@cc/channels/twilio-voice/access-token';
import { isCallGoneError, redirectCall } from '@cc/channels/twilio-voice/calls';
import { endedCallStatuses, type IncomingCall, type QueueWait, type RecordingUpdate } from '@cc/channels/twilio-voice/params';
import { announceTwiml, bridgeTwiml, enqueueTwiml, hangupTwiml, onHoldTwiml, waitTwiml, type AgentEndpoint } from '@cc/channels/twilio-voice/twiml';
import { getAgentVoiceEndpoint } from '@cc/db/repositories/agent-voice-endpoints';
import { resolveCustomerByIdentity } from '@cc/db/repositories/customers';
import { getInteraction } from '@cc/db/repositories/interactions';
import { DomainError } from '@cc/core/errors';
import { recordInteractionEvent, systemActor } from '@cc/db/repositories/interaction-events';
import { claimInboundCall, completeInboundCall, findCurrentCallInteraction, mergeInteractionContext, releaseInboundCall, setCallHold } from '@cc/db/repositories/voice-calls';
import type { Interaction } from '@cc/db/tables/interactions';
import type { Queue } from '@cc/db/tables/queues';
import { providerError } from '@cc/channels/provider-failure';
import { classifyTwilioError } from '@cc/channels/twilio/errors';
import type { ConnectOutcome } from '@cc/workflows/activities/routing';
import { CallInteractionNotFoundError, CallSetupInProgressError } from '../voice/errors';
import { publicUrl, type TwilioDeps } from './deps';
import { findChannelQueue } from '@cc/db/repositories/channel-queues';
import { voicePrompts } from './voice-prompts';
import { logger } from '@cc/core/logger';

/** How long an agent's phone or softphone rings before the caller goes back to waiting. */
const agentRingSeconds = 25;

function say(deps: TwilioDeps, text: string) {
  return { text, language: deps.config.TWILIO_VOICE_LANGUAGE };
}

function holdTwiml(deps: TwilioDeps, interaction: Interaction, greet: boolean): string {
  const p = voicePrompts(deps.config.TWILIO_VOICE_LANGUAGE);
  return enqueueTwiml({
    queueName: interaction.id,
    waitUrl: publicUrl(deps, `/webhooks/twilio/voice/wait?interactionId=${interaction.id}`),
    actionUrl: publicUrl(deps, `/webhooks/twilio/voice/queue-result?interactionId=${interaction.id}`),
    greeting: greet ? say(deps, p.greeting) : null,
  });
}

/** A caller the agent put on hold: a word, then the hold music, looped. */
export function onHoldCallTwiml(deps: TwilioDeps): string {
  return onHoldTwiml({ announcement: say(deps, voicePrompts(deps.config.TWILIO_VOICE_LANGUAGE).onHold), musicUrl: deps.config.TWILIO_HOLD_MUSIC_URL });
}

function closedTwiml(deps: TwilioDeps, queue: Queue, interaction: Interaction): string {
  const p = voicePrompts(deps.config.TWILIO_VOICE_LANGUAGE);
  return announceTwiml({
    message: say(deps, queue.closed_auto_reply ?? p.closed),
    gather: { actionUrl: publicUrl(deps, `/webhooks/twilio/voice/callback?interactionId=${interaction.id}`), prompt: say(deps, p.callbackOffer) },
  });
}

async function voiceQueue(deps: TwilioDeps, dialed: string): Promise<Queue | undefined> {
  const entry = deps.config.TWILIO_VOICE_NUMBERS.find((n) => n.number === dialed);
  return findChannelQueue(deps.db, 'voice', entry?.queueName ?? null);
}

/**
 * An inbound call: the caller is identified by their number, an interaction is created in the
 * queue of the number they dialed, and TwiML holds them there. A re-delivered webhook (same
 * CallSid) finds the interaction instead of queueing the caller twice. Closed queue: the
 * announcement and the offer of a callback.
 */
export async function incomingCall(deps: TwilioDeps, call: IncomingCall): Promise<string> {
  const p = voicePrompts(deps.config.TWILIO_VOICE_LANGUAGE);
  let from: string;
  try {
    from = normalizeIdentity('phone', call.from, deps.region);
  } catch {
    return hangupTwiml(say(deps, p.withheld));
  }
  const queue = await voiceQueue(deps, call.to);
  if (!queue) return hangupTwiml(say(deps, p.unavailable));
  const claim = await claimInboundCall(deps.db, call.callSid);
  if (!claim.claimed) return answerExisting(deps, call.callSid, claim.interactionId);
  try {
    const { customer } = await resolveCustomerByIdentity(deps.db, 'phone', from, { region: deps.region });
    const open = isQueueOpen({ businessHours: queue.business_hours, timezone: queue.timezone }, deps.clock());
    const created = await deps.routing.enqueue(
      { customerId: customer.id, queueId: queue.id, channel: 'voice', context: { callSid: call.callSid, from, to: call.to } },
      { type: 'customer', id: customer.id },
    );
    if (!created.ok) {
      await releaseInboundCall(deps.db, call.callSid);
      return hangupTwiml(say(deps, p.unavailable));
    }
    await completeInboundCall(deps.db, call.callSid, created.interaction.id);
    // A closed queue's workflow closes the interaction at once (routing's closed-hours rule).
    return open ? holdTwiml(deps, created.interaction, true) : closedTwiml(deps, queue, created.interaction);
  } catch (e) {
    await releaseInboundCall(deps.db, call.callSid).catch(() => {});
    throw e;
  }
}

/** A re-delivered call: the caller keeps waiting where they are (briefly waiting for a delivery still creating it). */
async function answerExisting(deps: TwilioDeps, callSid: string, interactionId: string | null): Promise<string> {
  for (let i = 0; !interactionId && i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const again = await claimInboundCall(deps.db, callSid);
    if (again.claimed) {
      // The first delivery failed and released the call; this one must not create it half-way.
      await releaseInboundCall(deps.db, callSid);
      throw new CallSetupInProgressError();
    }
    interactionId = again.interactionId;
  }
  return answerCurrent(deps, callSid);
}

async function answerCurrent(deps: TwilioDeps, callSid: string): Promise<string> {
  const current = await findCurrentCallInteraction(deps.db, callSid);
  if (current && (current.status === 'queued' || current.status === 'offered')) return holdTwiml(deps, current, false);
  return hangupTwiml(null);
}

async function callInteraction(deps: TwilioDeps, interactionId: string, callSid: string): Promise<Interaction> {
  const interaction = await getInteraction(deps.db, interactionId);
  // The interaction in the URL must be this call's: a signed URL cannot be pointed at another call.
  if (!interaction || interaction.channel !== 'voice' || interaction.context.callSid !== callSid) throw new CallInteractionNotFoundError('no interaction of this call has that id');
  return interaction;
}

/** The caller's hold loop: where they are in line and the estimated wait, then music. */
export async function queueWait(deps: TwilioDeps, interactionId: string, wait: QueueWait): Promise<string> {
  await callInteraction(deps, interactionId, wait.callSid);
  const p = voicePrompts(deps.config.TWILIO_VOICE_LANGUAGE);
  const parts: string[] = [];
  if (wait.position) parts.push(p.position(wait.position));
  if (wait.averageWaitSeconds && wait.position) parts.push(p.waitEstimate(Math.max(1, Math.round((wait.averageWaitSeconds * wait.position) / 60))));
  return waitTwiml({ announcement: parts.length ? say(deps, parts.join(' ')) : null, musicUrl: deps.config.TWILIO_HOLD_MUSIC_URL });
}

/**
 * The caller left Twilio's queue on their own (hung up, or the queue failed): the interaction is
 * abandoned. After a failed bridge the caller holds under the first interaction's URL while a new
 * one waits for them: the call's current interaction is the one that ends.
 */
export async function queueResult(deps: TwilioDeps, interactionId: string, callSid: string, result: string): Promise<string> {
  const named = await callInteraction(deps, interactionId, callSid);
  const interaction = live.includes(named.status) ? named : ((await findCurrentCallInteraction(deps.db, callSid)) ?? named);
  if (result === 'hangup' || result === 'error' || result === 'system-error') await customerLeft(deps, interaction);
  return hangupTwiml(null);
}

/** A call status callback: once the call is over, the caller's current interaction is abandoned or goes to wrap-up. */
export async function callStatus(deps: TwilioDeps, call: IncomingCall): Promise<void> {
  const current = await findCurrentCallInteraction(deps.db, call.callSid);
  if (!current) throw new CallInteractionNotFoundError('no interaction belongs to this call');
  if (endedCallStatuses.includes(call.status)) await customerLeft(deps, current);
}

const live = ['queued', 'offered', 'assigned'];

export async function customerLeft(deps: TwilioDeps, interaction: Interaction): Promise<void> {
  if (!live.includes(interaction.status)) return;
  try {
    await deps.routing.customerLeft(interaction.id);
  } catch (e) {
    // Twilio reports a hang-up twice (queue result and status callback): the other report may
    // have ended the interaction and its workflow in between.
    const now = await getInteraction(deps.db, interaction.id);
    if (now && live.includes(now.status)) throw e;
  }
}

/**
 * The agent's leg ended. After a transfer the caller is moved (REST) to wait for the next agent, so
 * this normally means the conversation is over; when the call's current interaction is still
 * waiting (the transferring agent hung up first) the caller goes back on hold.
 */
export async function dialEnded(deps: TwilioDeps, interactionId: string, callSid: string, dialStatus: string): Promise<string> {
  const interaction = await callInteraction(deps, interactionId, callSid);
  // The agent put the caller on hold: the REST redirect ended the agent's leg (the hold is marked
  // before it), so the caller keeps hearing the hold music whatever Twilio does with this answer.
  if (interaction.status === 'assigned' && interaction.context.onHold === true) return onHoldCallTwiml(deps);
  // The agent's phone or softphone did not answer: the caller waits for the next agent.
  if (unanswered.includes(dialStatus) && interaction.status === 'assigned' && interaction.assigned_agent_id) {
    const requeued = await requeueCall(deps, interaction, interaction.assigned_agent_id);
    if (requeued) return holdTwiml(deps, requeued, false);
  }
  const current = await findCurrentCallInteraction(deps.db, callSid);
  if (current && current.id !== interactionId && (current.status === 'queued' || current.status === 'offered')) return holdTwiml(deps, current, false);
  return hangupTwiml(say(deps, voicePrompts(deps.config.TWILIO_VOICE_LANGUAGE).goodbye));
}

const unanswered = ['no-answer', 'busy', 'failed', 'canceled'];

/**
 * Puts an assigned call back in its queue as a new interaction (the same rule as a transfer to the
 * queue: every interaction is assigned once), starting its workflow; the agent is freed.
 */
async function requeueCall(deps: TwilioDeps, interaction: Interaction, agentId: string): Promise<Interaction | null> {
  try {
    return (await deps.routing.transfer({ interactionId: interaction.id, holderId: agentId, to: { queueId: interaction.queue_id } })).interaction;
  } catch (e) {
    if (e instanceof DomainError) return null;
    throw e;
  }
}

export async function recordingAvailable(deps: TwilioDeps, interactionId: string, recording: RecordingUpdate): Promise<void> {
  await callInteraction(deps, interactionId, recording.callSid);
  if (recording.status !== 'completed') return;
  await mergeInteractionContext(deps.db, {
    interactionId,
    patch: { recording: { sid: recording.recordingSid, url: recording.url, durationSeconds: recording.durationSeconds } },
    event: 'recording_available',
    actor: systemActor,
    now: deps.clock(),
  });
  deps.pubsub.publish('interactionUpdated', interactionId, { interactionId });
}

/** Closed hours: the caller pressed 1 to be called back; recorded on the interaction's timeline. */
export async function callbackRequest(deps: TwilioDeps, interactionId: string, callSid: string, digits: string): Promise<string> {
  const interaction = await callInteraction(deps, interactionId, callSid);
  const p = voicePrompts(deps.config.TWILIO_VOICE_LANGUAGE);
  if (digits !== '1') return hangupTwiml(say(deps, p.goodbye));
  if (!interaction.context.callbackRequested) {
    await mergeInteractionContext(deps.db, {
      interactionId,
      patch: { callbackRequested: { number: interaction.context.from ?? null, at: deps.clock().toISOString() } },
      event: 'callback_requested',
      actor: { type: 'customer', id: interaction.customer_id },
      now: deps.clock(),
    });
    deps.pubsub.publish('interactionUpdated', interactionId, { interactionId });
  }
  return hangupTwiml(say(deps, p.callbackRecorded));
}

/**
 * What dials the assigned agent: their softphone or phone, recording if configured. `parameters`
 * go to the softphone with the call (a resumed hold names its interaction so the console answers it).
 */
export async function agentBridgeTwiml(deps: TwilioDeps, interaction: Interaction, agentId: string, parameters?: Record<string, string>) {
  const agent = await getAgentVoiceEndpoint(deps.db, agentId);
  const callerId = deps.config.TWILIO_VOICE_NUMBERS[0]?.number ?? (typeof interaction.context.to === 'string' ? interaction.context.to : null);
  const endpoint: AgentEndpoint =
    agent.kind === 'phone' && agent.phoneNumber && callerId
      ? { kind: 'number', number: agent.phoneNumber, callerId }
      : { kind: 'client', identity: agentClientIdentity(agentId), ...(parameters ? { parameters } : {}) };
  const twiml = bridgeTwiml({
    endpoint,
    actionUrl: publicUrl(deps, `/webhooks/twilio/voice/dial-ended?interactionId=${interaction.id}`),
    record: deps.config.TWILIO_RECORD_CALLS ? { statusCallback: publicUrl(deps, `/webhooks/twilio/voice/recording?interactionId=${interaction.id}`) } : null,
    timeoutSeconds: agentRingSeconds,
  });
  return { twiml, to: endpoint.kind === 'client' ? `client:${endpoint.identity}` : endpoint.number };
}

/**
 * Routing assigned a call to an agent: the live call is redirected (REST) to dial the agent's
 * softphone or phone. `caller_gone`: the caller already hung up (the workflow abandons it). A
 * failed redirect throws the typed provider error (a refusal is not retried; unreachable is, by the
 * workflow's bounded policy, then bridgeFailed).
 */
export async function bridgeToAgent(deps: TwilioDeps, interaction: Interaction): Promise<ConnectOutcome | void> {
  const callSid = typeof interaction.context.callSid === 'string' ? interaction.context.callSid : null;
  if (interaction.channel !== 'voice' || !callSid || !interaction.assigned_agent_id) return;
  // A call transferred while on hold carries the flag in its copied context; the new agent takes it live.
  if (interaction.context.onHold === true) await setCallHold(deps.db, { interactionId: interaction.id, agentId: interaction.assigned_agent_id, onHold: false });
  const { twiml, to } = await agentBridgeTwiml(deps, interaction, interaction.assigned_agent_id);
  try {
    await redirectCall(deps.client, callSid, twiml);
  } catch (e) {
    if (isCallGoneError(e)) return 'caller_gone';
    throw providerError('Twilio', classifyTwilioError(e));
  }
  await recordInteractionEvent(deps.db, { interactionId: interaction.id, type: 'call_bridged', actor: systemActor, data: { to }, at: deps.clock() });
  deps.pubsub.publish('interactionUpdated', interaction.id, { interactionId: interaction.id });
  return 'connected';
}

/**
 * The call could not be put through to the assigned agent (Twilio unreachable or refusing, after
 * the workflow's retries): the caller, still holding in Twilio's queue, waits for the next agent in
 * a new interaction; the agent's slot is freed, and the timeline and the console say why.
 */
export async function bridgeFailed(deps: TwilioDeps, interaction: Interaction, reason: string): Promise<boolean> {
  const agentId = interaction.assigned_agent_id;
  if (interaction.channel !== 'voice' || interaction.status !== 'assigned' || !agentId) return false;
  await recordInteractionEvent(deps.db, { interactionId: interaction.id, type: 'call_bridge_failed', actor: systemActor, data: { interactionId: interaction.id, agentId, reason }, at: deps.clock() });
  logger({ interactionId: interaction.id, agentId }).warn({ reason }, 'the call could not be put through to the agent; the caller goes back to the queue');
  const requeued = await requeueCall(deps, interaction, agentId);
  if (!requeued) deps.pubsub.publish('interactionUpdated', interaction.id, { interactionId: interaction.id });
  return !!requeued;
}
