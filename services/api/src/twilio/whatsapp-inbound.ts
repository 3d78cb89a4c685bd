import { isOptOutReply } from '@cc/core/opt-out';
import { fetchTwilioMedia } from '@cc/channels/twilio/media';
import type { InboundWhatsApp } from '@cc/channels/whatsapp/inbound';
import { recordConsent } from '@cc/db/repositories/consents';
import { recordInbound } from '@cc/db/repositories/customer-channel-state';
import { resolveCustomerByIdentity } from '@cc/db/repositories/customers';
import { assignMediaInteraction, deleteMediaObjects, storeMediaObject } from '@cc/db/repositories/media-objects';
import { findMessageByProviderId } from '@cc/db/repositories/messages';
import type { Message } from '@cc/db/tables/messages';
import { InboundMessageRefusedError, NoWhatsAppQueueError } from '../messaging/errors';
import { publicUrl, type TwilioDeps } from './deps';
import { findChannelQueue } from '@cc/db/repositories/channel-queues';
import { logger } from '@cc/core/logger';
import { answerAutomatically } from '../whatsapp-presence/auto-replies';
import { queueFromClickToWhatsApp } from '../whatsapp-presence/click-to-whatsapp';

export type InboundOutcome = 'stored' | 'duplicate';

/**
 * A customer's WhatsApp message: stored once per MessageSid (re-deliveries change nothing), its
 * media kept by the project, appended to their open WhatsApp interaction or opening one. The last
 * inbound time (the 24 h window) is kept, and an opt-out keyword withdraws consent at once.
 */
export async function receiveWhatsApp(deps: TwilioDeps, inbound: InboundWhatsApp): Promise<InboundOutcome> {
  const { db, config } = deps;
  const now = deps.clock();
  const seen = await findStored(deps, inbound.messageSid);
  if (seen) {
    // The first delivery may have stopped between storing and recording the opt-out.
    await recordOptOut(deps, seen, inbound, now);
    return 'duplicate';
  }
  // A click-to-WhatsApp prefill names its queue (used when the message opens a conversation).
  const queue = (await queueFromClickToWhatsApp(db, inbound.body)) ?? (await findChannelQueue(db, 'whatsapp', config.TWILIO_WHATSAPP_QUEUE ?? null));
  if (!queue) throw new NoWhatsAppQueueError();
  const { customer } = await resolveCustomerByIdentity(db, 'whatsapp', inbound.from, { label: inbound.profileName, region: deps.region });

  const media: { url: string; contentType: string }[] = [];
  const refusedMedia: { contentType: string; reason: string }[] = [];
  const storedIds: string[] = [];
  const [username, password] = config.TWILIO_API_KEY_SID && config.TWILIO_API_KEY_SECRET ? [config.TWILIO_API_KEY_SID, config.TWILIO_API_KEY_SECRET] : [config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN];
  for (const item of inbound.media) {
    const fetched = await fetchTwilioMedia(item.url, {
      username,
      password,
      accountSid: config.TWILIO_ACCOUNT_SID,
      apiBase: deps.mediaApiBase,
      declaredType: item.contentType,
      maxBytes: config.TWILIO_MEDIA_MAX_BYTES,
    });
    if (!fetched.ok) {
      logger({ messageSid: inbound.messageSid }).warn({ kind: fetched.kind, reason: fetched.reason }, 'WhatsApp media not kept');
      // Kept as a note for the agent: the customer sent something we did not keep.
      refusedMedia.push({ contentType: item.contentType, reason: fetched.reason });
      continue;
    }
    const stored = await storeMediaObject(db, { contentType: fetched.contentType, data: fetched.data, sourceUrl: item.url, kind: 'message', interactionId: null, uploadedBy: null, filename: null });
    storedIds.push(stored.id);
    media.push({ url: publicUrl(deps, `/media/${stored.id}`), contentType: stored.content_type });
  }

  try {
    // The customer did write, even if storing fails below: the window starts now either way.
    await recordInbound(db, customer.id, 'whatsapp', now);
    const result = await deps.routing.receiveMessage({
      customerId: customer.id,
      channel: 'whatsapp',
      queueId: queue.id,
      message: {
        body: inbound.body,
        media: media.length ? JSON.stringify(media) : null,
        location: inbound.location ? JSON.stringify({ latitude: inbound.location.latitude, longitude: inbound.location.longitude, label: inbound.location.label ?? inbound.location.address }) : null,
        provider: 'twilio',
        provider_message_id: inbound.messageSid,
        agent_id: null,
        delivery_status: 'received',
        error_code: null,
        context: JSON.stringify({
          profileName: inbound.profileName,
          ...(inbound.button ? { button: inbound.button } : {}),
          ...(inbound.location?.address ? { address: inbound.location.address } : {}),
          ...(refusedMedia.length ? { refusedMedia } : {}),
        }),
      },
    });
    if (result.duplicate) {
      await deleteMediaObjects(db, storedIds);
      return 'duplicate';
    }
    if ('refused' in result) throw new InboundMessageRefusedError(result.refused);
    if (result.message.interaction_id) await assignMediaInteraction(db, storedIds, result.message.interaction_id);
    await recordOptOut(deps, result.message, inbound, now);
    await deps.onInboundWhatsApp?.(result.message);
    await answerAutomatically(deps, { message: result.message, interaction: result.interaction, interactionCreated: result.interactionCreated, from: inbound.from });
    return 'stored';
  } catch (e) {
    await deleteMediaObjects(db, storedIds).catch(() => {});
    throw e;
  }
}

function findStored(deps: TwilioDeps, messageSid: string): Promise<Message | undefined> {
  return findMessageByProviderId(deps.db, 'twilio', messageSid);
}

async function recordOptOut(deps: TwilioDeps, message: Message, inbound: InboundWhatsApp, now: Date): Promise<void> {
  if (!isOptOutReply(message.body)) return;
  const recorded = await recordConsent(
    deps.db,
    {
      customerId: message.customer_id,
      channel: 'whatsapp',
      purpose: 'all',
      granted: false,
      source: 'whatsapp_keyword',
      evidence: { wording: message.body, messageSid: inbound.messageSid, from: `whatsapp:${inbound.from}`, to: inbound.to, at: now.toISOString() },
      recordedByUserId: null,
      messageId: message.id,
      interactionId: message.interaction_id,
    },
    now,
  );
  if (recorded && message.interaction_id) deps.pubsub.publish('interactionUpdated', message.interaction_id, { interactionId: message.interaction_id });
}
