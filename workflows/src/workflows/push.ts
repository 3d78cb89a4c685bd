import { ActivityFailure, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { smsFallbackApplies } from '@cc/core/push-mode';
import type { PushActivities, SendOutcome } from '../activities/push';
import { pushStateQuery, pushStatus, type PushStatusUpdate } from './push-signals';

// A send is one REST call: a worker that dies mid-send is noticed (and the retry, which never sends
// twice, runs elsewhere) after this long.
const retry = { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '10s', maximumAttempts: 20 };
const push = proxyActivities<PushActivities>({ startToCloseTimeout: '15s', retry });
/** How long the send keeps being retried while Twilio cannot be reached, unless the start says otherwise. */
const defaultSendRetryMs = 120_000;
/** Must match activities/push.ts pushUnreachableFailure (workflow code imports activities as types only). */
const unreachableFailureType = 'ProviderUnreachable';

const rank: Record<string, number> = { pending: 0, accepted: 1, scheduled: 1, queued: 2, sending: 3, sent: 4, delivered: 5, read: 6, undelivered: 7, failed: 7, canceled: 7 };
const failedStatuses = new Set(['failed', 'undelivered', 'canceled']);

/**
 * One in-call push, workflow id `push-<id>`: the send-time policy check and the send (an activity
 * that never sends twice, see activities/push.ts) → the delivery statuses Twilio calls back with
 * (signals) until read, failed, or `statusWaitMs` → on a failure meaning "no WhatsApp on this
 * number" (63016-class), the SMS fallback is offered to the agent.
 */
export async function pushWorkflow(input: {
  pushId: string;
  statusWaitMs: number;
  /**
   * Kept for workflows started before the API began sending inline *before* starting them: how long
   * to leave the send to the API. New starts omit it (the send has already happened or failed).
   */
  inlineSendGraceMs?: number;
  /** How long to keep trying to reach Twilio (PUSH_SEND_RETRY_SECONDS); then the push ends failed. */
  sendRetryMs?: number;
}): Promise<string> {
  let status: string | null = null;
  let errorCode: string | null = null;
  let fallbackOffered = false;
  const apply = (u: PushStatusUpdate) => {
    if ((rank[u.status] ?? 0) > (rank[status ?? 'pending'] ?? 0)) {
      status = u.status;
      errorCode = u.errorCode;
    }
  };
  setHandler(pushStatus, apply);
  setHandler(pushStateQuery, () => ({ status, errorCode, fallbackOffered }));

  // The fast path: the API is sending it now; a status callback usually lands within the grace.
  if (input.inlineSendGraceMs) await condition(() => status !== null, input.inlineSendGraceMs);
  const sender = proxyActivities<PushActivities>({ startToCloseTimeout: '15s', scheduleToCloseTimeout: input.sendRetryMs ?? defaultSendRetryMs, retry });
  let sent: SendOutcome;
  try {
    sent = await sender.sendPush(input.pushId);
  } catch (e) {
    if (!(e instanceof ActivityFailure)) throw e;
    // Gave up: the push must not stay pending. Its last activity says why and tells the console.
    // The last attempt's failure: the cause, or (a schedule-to-close timeout) the timeout's cause.
    let unreachable = false;
    for (let cause: Error | undefined = e.cause; cause; cause = (cause as { cause?: Error }).cause) {
      if (cause instanceof ApplicationFailure && cause.type === unreachableFailureType) unreachable = true;
    }
    await push.markSendGivenUp(input.pushId, unreachable ? 'unreachable' : 'send_failed');
    return 'failed';
  }
  if (sent.outcome === 'refused') return 'refused';
  if (sent.outcome === 'failed') apply({ status: 'failed', errorCode: sent.errorCode });
  else if (sent.outcome === 'sent') apply({ status: sent.status, errorCode: sent.errorCode ?? null });

  const settled = () => status === 'read' || failedStatuses.has(status ?? '');
  await condition(settled, input.statusWaitMs);
  if (sent.outcome === 'unknown' && (status === null || status === 'pending')) {
    // An earlier attempt was cut off mid-request and Twilio never called back: record it, never resend.
    await push.markOutcomeUnknown(input.pushId);
    return 'unknown';
  }
  if (failedStatuses.has(status ?? '') && smsFallbackApplies(errorCode)) {
    fallbackOffered = await push.offerSmsFallback(input.pushId);
  }
  return status ?? 'unknown';
}
