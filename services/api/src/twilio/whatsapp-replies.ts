import { checkTextLinks } from '@cc/core/link-allow-list';
import { messagingWindow, type WindowState } from '@cc/core/messaging-window';
import { failureCode, type ProviderFailure } from '@cc/channels/provider-failure';
import { classifyTwilioError } from '@cc/channels/twilio/errors';
import { sendWhatsApp } from '@cc/channels/whatsapp/send';
import { sendWhatsAppTemplate } from '@cc/channels/whatsapp/send-template';
import type { MessageStatusUpdate } from '@cc/channels/whatsapp/status';
import { hasOptedOut } from '@cc/db/repositories/consents';
import { lastInboundAt } from '@cc/db/repositories/customer-channel-state';
import { updateDeliveryStatus } from '@cc/db/repositories/messages';
import { getTemplate } from '@cc/db/repositories/whatsapp-templates';
import { missingTemplateVariables, renderTemplate } from '@cc/core/whatsapp-template';
import { attachProviderMessage, claimUnsentMessage, createOutboundMessage, markSendFailed, recordOutboundStatus } from '@cc/db/repositories/outbound-messages';
import { preferredWhatsAppNumber } from '@cc/db/repositories/customers';
import { cancelUnsentMessage, otherAutomaticReplyWithinInterval } from '@cc/db/repositories/whatsapp-presence';
import type { Interaction } from '@cc/db/tables/interactions';
import type { DeliveryStatus, Message } from '@cc/db/tables/messages';
import { publicUrl, type TwilioDeps } from './deps';

export interface WhatsAppReply {
  body: string | null;
  mediaUrls: string[];
  /** What Twilio fetches, when it differs from what is kept (this API's own files, signed); default: mediaUrls. */
  fetchUrls?: string[];
  location: { latitude: number; longitude: number; label: string | null } | null;
  /** PUSH_LINK_DOMAINS: links in what the agent writes must point there, as in pushes. */
  allowedLinkDomains: readonly string[];
}

/** An approved Content API template and its placeholder values. */
export interface WhatsAppTemplateReply {
  contentSid: string;
  variables: Record<string, string>;
  /** PUSH_LINK_DOMAINS: links in the agent's placeholder values must point there, as in pushes. */
  allowedLinkDomains: readonly string[];
  /** Reserves the send with the shared WhatsApp pacing (spacing, rate, budget); throws a typed refusal. */
  pace(to: string): Promise<void>;
}

export type ReplyOutcome =
  | { ok: true; message: Message }
  | { ok: false; reason: 'window_closed'; window: WindowState }
  | { ok: false; reason: 'template_not_approved'; approvalStatus: string | null }
  | { ok: false; reason: 'template_variables_missing'; keys: string[] }
  | { ok: false; reason: 'opted_out' }
  | { ok: false; reason: 'link_not_allowed'; host: string | null }
  | { ok: false; reason: 'no_whatsapp_identity' }
  | { ok: false; reason: 'provider_refused'; message: Message; errorCode: string; detail: string }
  /** Twilio could not be reached: the message is kept as failed (`unreachable`); the agent may send again. */
  | { ok: false; reason: 'provider_unreachable'; message: Message; certainlyNotSent: boolean; detail: string };

/** The customer's WhatsApp window, from their last inbound message. */
export async function whatsAppWindow(deps: Pick<TwilioDeps, 'db' | 'clock' | 'config'>, customerId: string): Promise<WindowState> {
  return messagingWindow(await lastInboundAt(deps.db, customerId, 'whatsapp'), deps.clock(), deps.config.WHATSAPP_WINDOW_HOURS);
}

/**
 * Sends an agent's free-form reply on a WhatsApp interaction. Refused before anything is sent when
 * the customer opted out or the 24 h window is closed (Twilio would fail it with 63016; templates
 * are how to reach them then). Stored first, then sent with a status callback naming our id.
 */
export async function sendWhatsAppReply(deps: TwilioDeps, interaction: Interaction, agentId: string | null, reply: WhatsAppReply): Promise<ReplyOutcome> {
  const { db } = deps;
  // One rule for everything agents send from the company's WhatsApp number: links only to allowed domains.
  const link = checkTextLinks([reply.body, reply.location?.label].filter(Boolean).join('\n'), reply.allowedLinkDomains);
  if (link) return { ok: false, reason: 'link_not_allowed', host: link.reason === 'not_a_url' ? null : link.host };
  if (await hasOptedOut(db, interaction.customer_id, 'whatsapp')) return { ok: false, reason: 'opted_out' };
  const window = await whatsAppWindow(deps, interaction.customer_id);
  if (!window.open) return { ok: false, reason: 'window_closed', window };
  const to = await whatsAppNumber(deps, interaction.customer_id);
  if (!to) return { ok: false, reason: 'no_whatsapp_identity' };
  const message = await createOutboundMessage(db, {
    interaction_id: interaction.id,
    customer_id: interaction.customer_id,
    channel: 'whatsapp',
    agent_id: agentId,
    body: reply.body,
    media: reply.mediaUrls.length ? JSON.stringify(reply.mediaUrls.map((url) => ({ url, contentType: null }))) : null,
    location: reply.location ? JSON.stringify(reply.location) : null,
    provider: 'twilio',
  });
  return deliver(deps, interaction, message, (from, statusCallback) =>
    sendWhatsApp(deps.client, {
      from,
      to,
      // A location needs words beside it: its label, or a neutral caption.
      body: reply.body ?? (reply.location ? (reply.location.label ?? '📍') : null),
      mediaUrls: reply.fetchUrls ?? reply.mediaUrls,
      location: reply.location,
      statusCallback,
    }),
  );
}

/**
 * Sends an approved template as the agent's reply: the way to reach the customer once the window
 * has closed (allowed while it is open too). The stored message carries the rendered body, so the
 * timeline reads as the customer does, and the template in its context.
 */
export async function sendWhatsAppTemplateReply(deps: TwilioDeps, interaction: Interaction, agentId: string | null, reply: WhatsAppTemplateReply): Promise<ReplyOutcome> {
  const { db } = deps;
  if (await hasOptedOut(db, interaction.customer_id, 'whatsapp')) return { ok: false, reason: 'opted_out' };
  const template = await getTemplate(db, reply.contentSid);
  if (template?.approval_status !== 'approved') return { ok: false, reason: 'template_not_approved', approvalStatus: template?.approval_status ?? null };
  const variables = Object.fromEntries(Object.entries(reply.variables).map(([k, v]) => [k, v.trim()]));
  const link = checkTextLinks(Object.values(variables).join('\n'), reply.allowedLinkDomains);
  if (link) return { ok: false, reason: 'link_not_allowed', host: link.reason === 'not_a_url' ? null : link.host };
  const missing = missingTemplateVariables(template.body, variables);
  if (missing.length) return { ok: false, reason: 'template_variables_missing', keys: missing };
  const to = await whatsAppNumber(deps, interaction.customer_id);
  if (!to) return { ok: false, reason: 'no_whatsapp_identity' };
  // Templates open business-initiated conversations: paced and budgeted like pushes (throws a typed refusal).
  await reply.pace(to);
  const message = await createOutboundMessage(db, {
    interaction_id: interaction.id,
    customer_id: interaction.customer_id,
    channel: 'whatsapp',
    agent_id: agentId,
    body: renderTemplate(template.body, variables) ?? template.friendly_name,
    media: null,
    location: null,
    provider: 'twilio',
    context: JSON.stringify({ template: { contentSid: template.content_sid, name: template.friendly_name, variables } }),
  });
  return deliver(deps, interaction, message, (from, statusCallback) =>
    sendWhatsAppTemplate(deps.client, { from, to, contentSid: template.content_sid, variables, statusCallback }),
  );
}

/** An automatic message already stored (the queue's closed-hours reply, an automatic reply) goes out on WhatsApp. */
export async function deliverWhatsAppAutoReply(deps: TwilioDeps, message: Message, interaction: Interaction): Promise<void> {
  if (message.provider_message_id || message.direction !== 'outbound') return;
  const to = await whatsAppNumber(deps, interaction.customer_id);
  if (!to || (await hasOptedOut(deps.db, interaction.customer_id, 'whatsapp'))) return;
  // The closed-hours text obeys the automatic replies' interval (the other automatic replies were decided under it).
  if ((message.context.automatic as { kind?: string } | undefined)?.kind === 'closed' && (await otherAutomaticReplyWithinInterval(deps.db, message, deps.clock()))) {
    await cancelUnsentMessage(deps.db, { messageId: message.id, reason: 'auto_reply_interval', now: deps.clock() });
    deps.pubsub.publish('interactionUpdated', interaction.id, { interactionId: interaction.id });
    return;
  }
  const claimed = await claimUnsentMessage(deps.db, message.id, 'twilio');
  if (!claimed) return; // an earlier attempt already sent it
  await deliver(deps, interaction, claimed, (from, statusCallback) =>
    sendWhatsApp(deps.client, { from, to, body: message.body, mediaUrls: (message.media ?? []).map((m) => m.url), location: null, statusCallback }),
  );
}

/** Hands a stored message to Twilio with `send`, then records the answer (sid and status, or the refusal). */
async function deliver(
  deps: TwilioDeps,
  interaction: Interaction,
  message: Message,
  send: (from: string, statusCallback: string) => Promise<{ sid: string; status: string }>,
): Promise<ReplyOutcome> {
  const from = deps.config.TWILIO_WHATSAPP_FROM;
  const publish = () => deps.pubsub.publish('interactionUpdated', interaction.id, { interactionId: interaction.id });
  let failure: ProviderFailure;
  if (!from) failure = { kind: 'refused', code: 'not_configured', detail: 'TWILIO_WHATSAPP_FROM is not configured' };
  else {
    try {
      const sent = await send(from, publicUrl(deps, `/webhooks/twilio/whatsapp/status?messageId=${message.id}`));
      const stored = await attachProviderMessage(deps.db, { messageId: message.id, providerMessageId: sent.sid, status: asDeliveryStatus(sent.status), now: deps.clock() });
      publish();
      return { ok: true, message: stored ?? message };
    } catch (e) {
      failure = classifyTwilioError(e);
    }
  }
  const errorCode = failureCode(failure);
  const failed = (await markSendFailed(deps.db, { messageId: message.id, errorCode, now: deps.clock() })) ?? message;
  publish();
  return failure.kind === 'unreachable'
    ? { ok: false, reason: 'provider_unreachable', message: failed, certainlyNotSent: failure.certainlyNotSent, detail: failure.detail }
    : { ok: false, reason: 'provider_refused', message: failed, errorCode, detail: failure.detail };
}

/**
 * A status callback: moves the message forward (never back) and publishes the interaction.
 * Undefined when the message is not ours.
 */
export async function recordWhatsAppStatus(deps: TwilioDeps, messageId: string | null, update: MessageStatusUpdate): Promise<Message | undefined> {
  const status = asDeliveryStatus(update.status);
  const now = deps.clock();
  const message = messageId
    ? await recordOutboundStatus(deps.db, { messageId, providerMessageId: update.messageSid, status, errorCode: update.errorCode, now })
    : (await updateDeliveryStatus(deps.db, { provider: 'twilio', providerMessageId: update.messageSid, status, errorCode: update.errorCode, now }))?.message;
  if (message?.interaction_id) deps.pubsub.publish('interactionUpdated', message.interaction_id, { interactionId: message.interaction_id });
  return message;
}

function asDeliveryStatus(status: string): DeliveryStatus {
  // Twilio's inbound-only statuses never apply to our outbound messages; treat them as accepted.
  return status === 'receiving' || status === 'received' ? 'accepted' : (status as DeliveryStatus);
}

function whatsAppNumber(deps: Pick<TwilioDeps, 'db'>, customerId: string): Promise<string | undefined> {
  return preferredWhatsAppNumber(deps.db, customerId);
}
