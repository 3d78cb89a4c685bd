import { failureCode, ProviderUnreachableError } from '@cc/channels/provider-failure';
import { classifyTwilioError } from '@cc/channels/twilio/errors';
import { sendSms } from '@cc/channels/twilio/sms';
import { mapsUrl } from '@cc/core/push-mode';
import type { Db } from '@cc/db/database';
import { currentConsent } from '@cc/db/repositories/consents';
import { recordInteractionEvent } from '@cc/db/repositories/interaction-events';
import { getMessage } from '@cc/db/repositories/messages';
import { claimSmsFallback, reofferSmsFallback } from '@cc/db/repositories/pushes';
import type { Push } from '@cc/db/tables/pushes';
import type { MediaUrlSigner } from '../media/signed-urls';
import type { TwilioChannel } from '../twilio/channel';
import { publicUrl } from '../twilio/deps';
import { TwilioNotConfiguredError } from '../messaging/errors';
import { NoConsentError, SmsFallbackNotOfferedError, SmsRefusedError } from './errors';

export type SmsFallbackOutcome =
  | { ok: true; push: Push; sid: string }
  | { ok: false; reason: 'not_offered' | 'no_consent' | 'no_sender' | 'already_sent' }
  | { ok: false; reason: 'provider_refused'; errorCode: string; detail: string }
  | { ok: false; reason: 'provider_unreachable'; certainlyNotSent: boolean; detail: string };

/** The SMS text of a push: its words and, for links, places and files, the tracked, map or (signed) file link. */
/** The refusal an agent reads for an SMS fallback that could not be sent (push and co-browse invitations alike). */
export function smsFallbackRefusal(outcome: Exclude<SmsFallbackOutcome, { ok: true }>): Error {
  switch (outcome.reason) {
    case 'not_offered':
      return new SmsFallbackNotOfferedError(false);
    case 'already_sent':
      return new SmsFallbackNotOfferedError(true);
    case 'no_consent':
      return new NoConsentError();
    case 'no_sender':
      return new TwilioNotConfiguredError('SMS (PUSH_SMS_FROM)');
    case 'provider_refused':
      return new SmsRefusedError(outcome.errorCode, outcome.detail);
    case 'provider_unreachable':
      return new ProviderUnreachableError('Twilio', outcome.certainlyNotSent, outcome.detail);
  }
}

export function smsText(push: Push, body: string | null, fileLink: (mediaId: string) => string): string {
  const c = push.content;
  if (c.kind === 'link') return `${c.title}\n${c.shortUrl}`;
  if (c.kind === 'location') return [c.name, c.address, c.shortUrl ?? mapsUrl(c.latitude, c.longitude)].filter(Boolean).join('\n');
  if (c.kind === 'media') return [c.caption, fileLink(c.mediaId)].filter(Boolean).join('\n');
  return body ?? '';
}

/**
 * The agent sends the offered SMS instead (once): only when the workflow offered it (no WhatsApp on
 * the number) and consent stands. Claimed first, so two clicks never send two SMS.
 */
export async function sendPushBySms(
  deps: { db: Db; clock: () => Date; twilio: TwilioChannel; from: string | null; mediaUrls: MediaUrlSigner; linkTtlSeconds: number },
  push: Push,
  agentId: string,
): Promise<SmsFallbackOutcome> {
  const { db } = deps;
  if (push.fallback === 'sms_sent') return { ok: false, reason: 'already_sent' };
  if (push.fallback !== 'sms_offered') return { ok: false, reason: 'not_offered' };
  if (!deps.from) return { ok: false, reason: 'no_sender' };
  const consent = await currentConsent(db, push.customer_id, 'whatsapp', 'service');
  if (!consent?.granted) return { ok: false, reason: 'no_consent' };
  const claimed = await claimSmsFallback(db, push.id, deps.clock());
  if (!claimed) return { ok: false, reason: 'already_sent' };
  const message = await getMessage(db, push.message_id);
  try {
    const sent = await sendSms(deps.twilio.deps.client, { from: deps.from, to: push.to_number, body: smsText(push, message?.body ?? null, (id) => publicUrl(deps.twilio.deps, deps.mediaUrls.signedPath(id, deps.linkTtlSeconds, deps.clock()))), statusCallback: null });
    await recordInteractionEvent(db, { interactionId: push.interaction_id, type: 'push_sms_sent', actor: { type: 'user', id: agentId }, data: { pushId: push.id, sid: sent.sid }, at: deps.clock() });
    return { ok: true, push: claimed, sid: sent.sid };
  } catch (e) {
    // Refused or unreachable: the offer stands again, and the timeline says why it did not go.
    const failure = classifyTwilioError(e);
    await reofferSmsFallback(db, push.id);
    await recordInteractionEvent(db, {
      interactionId: push.interaction_id,
      type: 'push_sms_failed',
      actor: { type: 'user', id: agentId },
      data: { pushId: push.id, errorCode: failureCode(failure), detail: failure.detail.slice(0, 300) },
      at: deps.clock(),
    });
    return failure.kind === 'unreachable'
      ? { ok: false, reason: 'provider_unreachable', certainlyNotSent: failure.certainlyNotSent, detail: failure.detail }
      : { ok: false, reason: 'provider_refused', errorCode: failure.code, detail: failure.detail };
  }
}
