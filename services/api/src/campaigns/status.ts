import type { Db } from '@cc/db/database';
import { applyRecipientStatus, linkCampaignReply } from '@cc/db/repositories/campaign-recipients';
import type { Message } from '@cc/db/tables/messages';
import type { AppPubSub } from '../pubsub';

/** Tells a campaign's progress subscribers (and the campaign list) that its figures moved. */
export function campaignChangePublisher(pubsub: AppPubSub): (campaignId: string) => void {
  return (campaignId) => pubsub.publish('campaignUpdated', campaignId, { campaignId });
}

/**
 * A status callback for one of our WhatsApp messages (already recorded on the message by the
 * Twilio channel): when it is a campaign's, the recipient moves on — delivered, read, or failed
 * with Meta's code (63016, 63018, 130429, 131049, 131056) — and an "outcome unknown" send is known.
 */
export function campaignStatusListener(deps: {
  db: Db;
  clock: () => Date;
  changed(campaignId: string): void;
}): (message: Message) => Promise<void> {
  return async (message) => {
    if (message.interaction_id || !message.delivery_status) return;
    const recipient = await applyRecipientStatus(deps.db, {
      messageId: message.id,
      status: message.delivery_status,
      errorCode: message.error_code,
      now: deps.clock(),
    });
    if (recipient) deps.changed(recipient.campaign_id);
  };
}

/** The pushes' status listener, then the campaigns' (a message is one or the other, or neither). */
export function withCampaignStatuses(
  pushes: (message: Message) => Promise<void>,
  deps: Parameters<typeof campaignStatusListener>[0],
): (message: Message) => Promise<void> {
  const campaigns = campaignStatusListener(deps);
  return async (message) => {
    await pushes(message);
    await campaigns(message);
  };
}

/**
 * A customer's WhatsApp message, stored on its interaction: if they got a campaign message in the
 * last `windowHours` and have not answered it yet, this interaction is that campaign's reply (the
 * agent sees the campaign on it).
 */
export function campaignReplyListener(deps: {
  db: Db;
  clock: () => Date;
  windowHours: number;
  changed(campaignId: string): void;
  interactionChanged(interactionId: string): void;
}): (message: Message) => Promise<void> {
  return async (message) => {
    if (!message.interaction_id || message.direction !== 'inbound') return;
    const now = deps.clock();
    const linked = await linkCampaignReply(deps.db, {
      customerId: message.customer_id,
      interactionId: message.interaction_id,
      since: new Date(now.getTime() - deps.windowHours * 3_600_000),
      now,
    });
    if (!linked) return;
    deps.changed(linked.campaign_id);
    deps.interactionChanged(message.interaction_id);
  };
}
