import { ActivityFailure, CancellationScope, condition, isCancellation, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { RoutingActivities } from '../activities/routing';
import type { RoutingPlan } from '../routing-plan';
import {
  closed,
  customerLeft,
  customerMessage,
  offerDecided,
  offerMade,
  stateQuery,
  wrapUpStarted,
  type InteractionPhase,
  type OfferMade,
} from './interaction-signals';

const routing = proxyActivities<RoutingActivities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '5s' },
});
/**
 * Channel hooks reach providers (Twilio bridging a call): bounded, so a provider that stays down
 * ends in connectFailed (the caller re-queued, the agent told) instead of retrying for ever while
 * the agent's slot stays taken. About 5 s of retries.
 */
const channel = proxyActivities<RoutingActivities>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '300ms', backoffCoefficient: 2, maximumInterval: '5s', maximumAttempts: 5 },
});

/**
 * Histories recorded before matching became event-driven wait at most this long before retrying
 * (kept only so they replay). Now a waiting interaction is offered by events (arrival, capacity
 * freed, presence, ended offers: offerMade signals) and by one periodic sweep per process over all
 * queues (services/api/src/routing/waiting-sweep.ts), not by a timer of its own.
 */
const legacyRematchEveryMs = 5_000;
/** Overflow hops: the enqueue time is kept, so a chain of overflow queues could otherwise cascade. */
const maxOverflows = 3;

/**
 * One interaction from enqueue to close; the workflow id is the interaction id. Offers expire on a
 * timer and go to the next agent; a waiting interaction is served first once it passes its queue's
 * service-level threshold and overflows to another queue after the overflow threshold; wrap-up
 * closes on a timer. A transfer ends this interaction (`closed` signal)
 * and starts a new one in the target queue.
 */
export async function interactionWorkflow(input: {
  interactionId: string;
  initialOffer?: OfferMade | null;
  /** Known where the contact arrived; saves the first activity. */
  plan?: RoutingPlan | null;
  /**
   * The arrival's own match found nobody eligible free (not merely busy): matching again at once
   * would find the same, so the workflow starts by waiting. A waiting contact then costs one
   * workflow task and no activity; events (and the per-process sweep) offer it from there.
   */
  nobodyFreeOnArrival?: boolean;
}): Promise<InteractionPhase> {
  const { interactionId } = input;
  // Where the contact arrived, the first match may already have been made (api routing/arrival.ts).
  let phase: InteractionPhase = input.initialOffer ? 'offered' : 'queued';
  let offer: OfferMade | null = input.initialOffer ?? null;
  let priorityRaised = false;
  let overflows = 0;
  let left = false;
  let closeRequested = false;
  let customerMessages = 0;
  let matchAlreadyTried = input.nobodyFreeOnArrival === true && !input.initialOffer;
  /** Whether the agent was connected (the call bridged); a hang-up before that abandons the interaction. */
  let connection: 'pending' | 'connected' | 'failed' = 'pending';

  setHandler(stateQuery, () => ({ phase, offer, priorityRaised, overflows, customerMessages }));
  setHandler(customerMessage, () => void customerMessages++);
  setHandler(offerMade, (made) => {
    if (phase === 'queued' || (phase === 'offered' && offer?.offerId !== made.offerId)) {
      offer = made;
      phase = 'offered';
    }
  });
  setHandler(offerDecided, ({ offerId, outcome }) => {
    if (offer?.offerId !== offerId) return;
    offer = null;
    phase = outcome === 'accepted' ? 'assigned' : 'queued';
  });
  setHandler(customerLeft, () => void (left = true));
  setHandler(wrapUpStarted, () => {
    if (phase === 'assigned') phase = 'wrap_up';
  });
  setHandler(closed, () => void (closeRequested = true));

  let plan = input.plan ?? (await routing.loadRoutingPlan(interactionId));
  if (!plan.queueOpen && phase === 'queued') {
    await routing.closeOutsideBusinessHours(interactionId);
    return 'closed';
  }
  const enqueuedAt = Date.now();

  for (;;) {
    if (closeRequested) return 'closed';
    if (left && (phase === 'queued' || phase === 'offered')) {
      await routing.abandonInteraction(interactionId);
      return 'abandoned';
    }
    switch (phase) {
      case 'queued': {
        const made = matchAlreadyTried ? null : await routing.offerInteraction(interactionId);
        matchAlreadyTried = false;
        if (made) {
          offer = made;
          phase = 'offered';
          break;
        }
        // Wait for an agent to free up (offerMade), the customer to leave, or the next escalation.
        const waited = Date.now() - enqueuedAt;
        const slaDueIn = priorityRaised ? Infinity : plan.slaTargetSeconds * 1000 - waited;
        const overflowDueIn = plan.overflowAfterSeconds === null || overflows >= maxOverflows ? Infinity : plan.overflowAfterSeconds * 1000 - waited;
        const deadline = Math.min(slaDueIn, overflowDueIn, patched('event-driven-matching') ? Infinity : legacyRematchEveryMs);
        const woken = () => phase !== 'queued' || left || closeRequested;
        if (deadline === Infinity) {
          await condition(woken);
          break;
        }
        if (await condition(woken, Math.max(0, deadline))) break;
        if (Date.now() - enqueuedAt >= plan.slaTargetSeconds * 1000 && !priorityRaised) {
          await routing.raisePriority(interactionId);
          priorityRaised = true;
        }
        if (plan.overflowAfterSeconds !== null && overflows < maxOverflows && Date.now() - enqueuedAt >= plan.overflowAfterSeconds * 1000) {
          plan = await routing.overflowToNextQueue(interactionId);
          overflows++;
        }
        break;
      }
      case 'offered': {
        const current = offer!;
        const decided = await condition(() => phase !== 'offered' || offer?.offerId !== current.offerId || left || closeRequested, Math.max(0, current.expiresAt - Date.now()));
        if (!decided) {
          // The agent may have accepted in the same instant: the database decides who won.
          const outcome = await routing.expireOffer(current.offerId);
          // Unless a new offer arrived meanwhile (offerMade: a freed agent or a supervisor's pick).
          if (offer?.offerId === current.offerId) {
            offer = null;
            phase = outcome === 'accepted' ? 'assigned' : 'queued';
          }
        }
        break;
      }
      case 'assigned': {
        // The channel connects the agent (bridges a call), while the customer may hang up meanwhile;
        // then the conversation goes on until the agent wraps up, or the customer hangs up (wrap-up).
        if (connection === 'pending') {
          const outcome = await connectAgent(interactionId, () => phase !== 'assigned' || left || closeRequested);
          if (outcome.kind === 'connected') connection = 'connected';
          else if (outcome.kind === 'failed') {
            connection = 'failed';
            // Re-queued as a new interaction (this one ends), or left to the agent when it could not be.
            if (await channel.connectFailed(interactionId, outcome.reason)) return 'closed';
          } else if (outcome.kind === 'caller_gone') left = true;
        }
        await condition(() => phase !== 'assigned' || left || closeRequested);
        if (phase === 'assigned' && left && !closeRequested) {
          // Never connected: the caller hung up before the agent had them (the agent is freed).
          if (connection !== 'connected') {
            await routing.abandonUnconnected(interactionId);
            return 'abandoned';
          }
          await routing.startWrapUp(interactionId);
          phase = 'wrap_up';
        }
        break;
      }
      case 'wrap_up': {
        const closedByAgent = await condition(() => closeRequested, plan.wrapUpSeconds * 1000);
        if (!closedByAgent) await routing.closeAfterWrapUp(interactionId);
        return 'closed';
      }
    }
  }
}

type ConnectResult = { kind: 'connected' } | { kind: 'caller_gone' } | { kind: 'failed'; reason: string } | { kind: 'interrupted' };

/**
 * Runs the channel's connectAgent until it succeeds, fails for good (bounded retries) or `interrupt`
 * holds (the customer hung up, the agent wrapped up): then the attempt is cancelled, so a hang-up is
 * acted on whatever the bridging is doing.
 */
async function connectAgent(interactionId: string, interrupt: () => boolean): Promise<ConnectResult> {
  let result: ConnectResult | null = null;
  const scope = new CancellationScope();
  void scope
    .run(() => channel.connectAgent(interactionId))
    .then(
      (outcome) => void (result = { kind: outcome === 'caller_gone' ? 'caller_gone' : 'connected' }),
      (e: unknown) => {
        if (isCancellation(e)) return;
        const cause = e instanceof ActivityFailure ? e.cause : e;
        result = { kind: 'failed', reason: cause instanceof Error ? cause.message : String(cause) };
      },
    );
  await condition(() => result !== null || interrupt());
  if (result) return result;
  scope.cancel();
  return { kind: 'interrupted' };
}
