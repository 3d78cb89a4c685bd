import { randomUUID } from 'node:crypto';
import { normalizeChatText } from '@cc/channels/webchat/text';
import { findChannelQueue } from '@cc/db/repositories/channel-queues';
import { resolveCustomerByIdentity } from '@cc/db/repositories/customers';
import { findOpenInteraction, getInteraction } from '@cc/db/repositories/interactions';
import { insertMessage, listInteractionMessages } from '@cc/db/repositories/messages';
import { getWebchatSite } from '@cc/db/repositories/webchat';
import type { Interaction } from '@cc/db/tables/interactions';
import type { Message } from '@cc/db/tables/messages';
import type { ApiServices } from '../context';
import type { EmailMessageContext } from '../email/deps';
import type { VisitorClaims } from './visitor-tokens';

/** The pub/sub key of one visitor's live chat events. */
export const visitorKey = (v: VisitorClaims) => `${v.siteId}:${v.visitorId}`;

/** What the page told us about where the visitor is. */
export interface VisitorPage {
  url: string | null;
  title: string | null;
  /** Whatever the site passes (cart, order id…), as given. */
  context: Record<string, unknown>;
}

export type ChatRefusal = 'empty' | 'too_long' | 'no_site' | 'no_queue' | 'email_not_configured' | 'no_chat';

async function visitorCustomerId(services: ApiServices, visitor: VisitorClaims): Promise<string> {
  return (await resolveCustomerByIdentity(services.db, 'webchat', visitor.visitorId)).customer.id;
}

/** The visitor's open chat (what a reloaded widget shows), if any. */
export async function openVisitorChat(services: ApiServices, visitor: VisitorClaims): Promise<{ interaction: Interaction; messages: Message[] } | null> {
  const customerId = await visitorCustomerId(services, visitor);
  const interaction = await findOpenInteraction(services.db, customerId, 'webchat');
  if (!interaction || (interaction.context as { webchat?: { siteId?: string } }).webchat?.siteId !== visitor.siteId) return null;
  return { interaction, messages: await listInteractionMessages(services.db, interaction.id) };
}

function cleanBody(services: ApiServices, raw: string): { ok: true; body: string } | { ok: false; reason: ChatRefusal } {
  const body = normalizeChatText(raw);
  if (!body) return { ok: false, reason: 'empty' };
  if (body.length > services.webchat.config.WEBCHAT_MAX_MESSAGE_CHARS) return { ok: false, reason: 'too_long' };
  return { ok: true, body };
}

/**
 * A visitor's message: joins their open chat or starts one in the site's queue, carrying the page
 * and the site's context to the agent. `clientMessageId` makes a resend after a reconnect harmless.
 */
export async function receiveVisitorMessage(
  services: ApiServices,
  visitor: VisitorClaims,
  input: { body: string; clientMessageId: string; page: VisitorPage; proactiveMessage: string | null },
): Promise<{ ok: true; message: Message; interaction: Interaction } | { ok: false; reason: ChatRefusal }> {
  const cleaned = cleanBody(services, input.body);
  if (!cleaned.ok) return cleaned;
  const site = await getWebchatSite(services.db, visitor.siteId);
  if (!site) return { ok: false, reason: 'no_site' };
  const customerId = await visitorCustomerId(services, visitor);
  const page = { pageUrl: input.page.url, pageTitle: input.page.title, siteContext: input.page.context };
  const result = await services.routing.receiveMessage({
    customerId,
    channel: 'webchat',
    queueId: site.queue_id,
    subject: input.page.title ? `Chat on ${input.page.title}`.slice(0, 200) : `Chat on ${site.name}`,
    context: { webchat: { siteId: site.id, siteKey: site.key, visitorId: visitor.visitorId, ...page, proactiveMessage: input.proactiveMessage } },
    message: {
      body: cleaned.body,
      media: null,
      location: null,
      provider: 'webchat',
      provider_message_id: `${visitor.visitorId}:${input.clientMessageId}`,
      agent_id: null,
      delivery_status: 'received',
      error_code: null,
      context: JSON.stringify({ webchat: page }),
    },
  });
  if ('refused' in result) return { ok: false, reason: 'no_queue' };
  const interaction = 'interaction' in result ? result.interaction : await getInteraction(services.db, result.message.interaction_id ?? '');
  if (!interaction) return { ok: false, reason: 'no_chat' };
  services.pubsub.publish('visitorChat', visitorKey(visitor), { messageId: result.message.id });
  return { ok: true, message: result.message, interaction };
}

/** The assigned agent writes in a chat: stored and pushed to the visitor's widget at once. */
export async function sendAgentChatMessage(services: ApiServices, interaction: Interaction, agentId: string, raw: string): Promise<{ ok: true; message: Message } | { ok: false; reason: ChatRefusal }> {
  const cleaned = cleanBody(services, raw);
  if (!cleaned.ok) return cleaned;
  const webchat = (interaction.context as { webchat?: { siteId: string; visitorId: string } }).webchat;
  if (!webchat) return { ok: false, reason: 'no_chat' };
  const { message } = await insertMessage(services.db, {
    interaction_id: interaction.id, customer_id: interaction.customer_id, direction: 'outbound', channel: 'webchat', agent_id: agentId,
    body: cleaned.body, media: null, location: null, provider: null, provider_message_id: null, delivery_status: 'delivered', error_code: null, context: JSON.stringify({}),
  });
  services.pubsub.publish('visitorChat', visitorKey(webchat), { messageId: message.id });
  services.pubsub.publish('interactionUpdated', interaction.id, { interactionId: interaction.id });
  return { ok: true, message };
}

/**
 * No agent could take the chat: the visitor leaves an address and the conversation continues as
 * an email interaction (transcript included) that agents answer with replyByEmail. The open chat,
 * if any, ends as abandoned.
 */
export async function leaveEmail(
  services: ApiServices,
  visitor: VisitorClaims,
  input: { email: string; body: string; page: VisitorPage },
): Promise<{ ok: true; interaction: Interaction } | { ok: false; reason: ChatRefusal }> {
  const inbox = services.email?.deps.config.EMAIL_INBOXES[0];
  if (!inbox) return { ok: false, reason: 'email_not_configured' };
  const note = normalizeChatText(input.body) ?? '';
  if (note.length > services.webchat.config.WEBCHAT_MAX_MESSAGE_CHARS) return { ok: false, reason: 'too_long' };
  const site = await getWebchatSite(services.db, visitor.siteId);
  if (!site) return { ok: false, reason: 'no_site' };
  const queue = await findChannelQueue(services.db, 'email', inbox.queueName);
  if (!queue) return { ok: false, reason: 'no_queue' };
  const chat = await openVisitorChat(services, visitor);
  const transcript = (chat?.messages ?? []).map((m) => `${m.direction === 'inbound' ? 'Visitor' : 'Agent'}: ${m.body ?? ''}`).join('\n');
  const body = [note, transcript && `--- Chat so far ---\n${transcript}`].filter(Boolean).join('\n\n') || '(no message)';
  const { customer } = await resolveCustomerByIdentity(services.db, 'email', input.email);
  const messageId = `${randomUUID()}@${inbox.address.split('@')[1]}`;
  const subject = `Web chat on ${input.page.title ?? site.name}`.slice(0, 200);
  const email: EmailMessageContext = { messageId, inReplyTo: null, references: [], from: input.email.toLowerCase(), replyTo: input.email.toLowerCase(), inbox: inbox.address, subject, html: null, autoGenerated: false, attachments: [] };
  const result = await services.routing.receiveMessage({
    customerId: customer.id,
    channel: 'email',
    queueId: queue.id,
    subject,
    context: { email: { inbox: inbox.address, threadId: messageId }, webchat: { siteId: site.id, visitorId: visitor.visitorId, pageUrl: input.page.url, pageTitle: input.page.title, siteContext: input.page.context, chatInteractionId: chat?.interaction.id ?? null } },
    thread: { messageIds: [] },
    message: {
      body, media: null, location: null, provider: 'smtp', provider_message_id: messageId, agent_id: null, delivery_status: 'received', error_code: null,
      context: JSON.stringify({ email, webchat: { leftEmail: true } }),
    },
  });
  if (!('interaction' in result)) return { ok: false, reason: 'no_queue' };
  if (chat) await services.routing.customerLeft(chat.interaction.id);
  services.pubsub.publish('visitorChat', visitorKey(visitor), { closed: true });
  return { ok: true, interaction: result.interaction };
}
