import type { Db } from '@cc/db/database';
import { currentConsent } from '@cc/db/repositories/consents';
import { getMessage } from '@cc/db/repositories/messages';
import { attachProviderMessage, markSendFailed } from '@cc/db/repositories/outbound-messages';
import { advancePushStatus, claimPushSend, getPush, releasePushSend, setPushFallback } from '@cc/db/repositories/pushes';
import type { Message } from '@cc/db/tables/messages';
import type { Push } from '@cc/db/tables/pushes';
import type { DeliveryStatus } from '@cc/db/tables/messages';
import { ApplicationFailure } from '@temporalio/common';

/** The failure type of a send attempt that never reached Twilio (retried until the workflow gives up). */
export const pushUnreachableFailure = 'ProviderUnreachable';

/** How a push's message reaches Twilio (the composition root wires the Twilio SDK in). */
export interface PushTransport {
  send(push: Push, message: Message): Promise<
    | { ok: true; sid: string; status: DeliveryStatus }
    /** `notSent`: the request certainly never reached Twilio (connection refused), so a retry may send. */
    | { ok: false; errorCode: string; detail: string; notSent: boolean }
  >;
}

export interface PushDeps {
  db: Db;
  clock: () => Date;
  transport: PushTransport;
  /** A push changed (status, fallback): tell subscribers. */
  pushChanged(push: Push): Promise<void>;
}

export type SendOutcome =
  /** `errorCode`: Twilio's, when a status it called back with before this answer already failed the message. */
  | { outcome: 'sent'; status: string; errorCode?: string | null }
  | { outcome: 'failed'; errorCode: string }
  | { outcome: 'refused'; reason: string }
  /** An earlier attempt started and was cut off: it may have reached Twilio, so it is not repeated. */
  | { outcome: 'unknown' };

async function failPush(deps: PushDeps, push: Push, errorCode: string): Promise<void> {
  await markSendFailed(deps.db, { messageId: push.message_id, errorCode, now: deps.clock() });
  const changed = await advancePushStatus(deps.db, { pushId: push.id, status: 'failed', errorCode, now: deps.clock() });
  if (changed) await deps.pushChanged(changed);
}

/**
 * Hands a push whose send this caller claimed (pushes.send_started_at) to Twilio and records the
 * outcome. The API calls it inline, right after storing the push (the fast path); the workflow's
 * activity calls it when the API did not get to it.
 */
export async function deliverClaimedPush(deps: PushDeps, push: Push, message: Message): Promise<SendOutcome> {
  const { db, clock } = deps;
  const result = await deps.transport.send(push, message);
  if (!result.ok) {
    if (result.notSent) {
      await releasePushSend(db, push.id);
      throw ApplicationFailure.retryable(`Twilio could not be reached: ${result.detail}`, pushUnreachableFailure);
    }
    await failPush(deps, push, result.errorCode);
    return { outcome: 'failed', errorCode: result.errorCode };
  }
  await attachProviderMessage(db, { messageId: message.id, providerMessageId: result.sid, status: result.status, now: clock() });
  const changed = await advancePushStatus(db, { pushId: push.id, status: result.status, errorCode: null, now: clock() });
  if (changed) await deps.pushChanged(changed);
  return { outcome: 'sent', status: result.status };
}

/** The push workflow's activities. */
export function createPushActivities(deps: PushDeps) {
  const { db, clock } = deps;
  const fail = (push: Push, errorCode: string) => failPush(deps, push, errorCode);

  return {
    /**
     * At most once: a push whose message already has Twilio's sid is done; the send is claimed in
     * PostgreSQL before the request, so a retry after a crash mid-request never sends again (the
     * status callback, addressed by our message id, still attaches the sid).
     */
    async sendPush(pushId: string): Promise<SendOutcome> {
      const push = await getPush(db, pushId);
      if (!push) throw ApplicationFailure.nonRetryable(`push ${pushId} does not exist`);
      const message = await getMessage(db, push.message_id);
      // Stored with the push in one statement; retried like any lookup that failed.
      if (!message) throw new Error(`message ${push.message_id} of push ${pushId} is missing`);
      // Already sent (the API's inline path): what Twilio reported since, error code included — the
      // workflow may have started after those callbacks, so it learns them here.
      if (message.provider_message_id) return { outcome: 'sent', status: message.delivery_status ?? 'accepted', errorCode: message.error_code };
      if (push.status === 'failed') return { outcome: 'failed', errorCode: push.error_code ?? 'unknown' };
      // Send-time policy: the customer may have replied STOP since the agent pressed send.
      const consent = await currentConsent(db, push.customer_id, 'whatsapp', 'service');
      if (!consent?.granted) {
        await fail(push, consent ? 'opted_out' : 'no_consent');
        return { outcome: 'refused', reason: consent ? 'opted_out' : 'no_consent' };
      }
      if (!(await claimPushSend(db, push.id, clock()))) return { outcome: 'unknown' };
      return deliverClaimedPush(deps, push, message);
    },

    /** The customer cannot get WhatsApp: offer the agent an SMS instead, if they consented. */
    async offerSmsFallback(pushId: string): Promise<boolean> {
      const push = await getPush(db, pushId);
      if (!push) return false;
      const consent = await currentConsent(db, push.customer_id, 'whatsapp', 'service');
      if (!consent?.granted) return false;
      const updated = await setPushFallback(db, pushId, 'sms_offered', clock());
      if (updated) await deps.pushChanged(updated);
      return !!updated;
    },

    /**
     * The workflow gave up sending (its retry budget ran out): the push and its message end failed
     * with the reason, and subscribers hear it. A send still claimed (an attempt cut off mid-request)
     * may have reached Twilio, so it reads "outcome unknown" rather than a sure failure.
     */
    async markSendGivenUp(pushId: string, errorCode: string): Promise<void> {
      const push = await getPush(db, pushId);
      if (!push || push.status !== 'pending') return;
      const message = await getMessage(db, push.message_id);
      if (message?.provider_message_id) return;
      await fail(push, push.send_started_at ? 'send_outcome_unknown' : errorCode);
    },

    async markOutcomeUnknown(pushId: string): Promise<void> {
      const push = await getPush(db, pushId);
      if (push && push.status === 'pending') await fail(push, 'send_outcome_unknown');
    },
  };
}

export type PushActivities = ReturnType<typeof createPushActivities>;
