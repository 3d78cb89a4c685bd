import { ProviderUnreachableError } from '@cc/channels/provider-failure';
import { parseAllowList } from '@cc/core/link-allow-list';
import { getInteraction } from '@cc/db/repositories/interactions';
import type { Message } from '@cc/db/tables/messages';
import { isAssignedAgent } from '../authorization/policy';
import type { ApiServices, Principal } from '../context';
import { mediaUrlsForTwilio } from '../media/forward';
import { LinkNotAllowedError, TemplateNotApprovedError } from '../push/errors';
import { InteractionStateError, NotFoundError, NotYourInteractionError } from '../routing/errors';
import { sendWhatsAppReply, sendWhatsAppTemplateReply, whatsAppWindow, type ReplyOutcome } from '../twilio/whatsapp-replies';
import {
  CustomerOptedOutError,
  EmptyMessageError,
  MessageRefusedByProviderError,
  TemplateVariablesMissingError,
  TwilioNotConfiguredError,
  WhatsAppWindowClosedError,
  WrongChannelError,
} from './errors';

/** What the agent sends: an approved template on its own, or free-form text, media and/or a location. */
export type WhatsAppMessageContent =
  | { kind: 'template'; contentSid: string; variables: Record<string, string> }
  | {
      kind: 'free_form';
      body: string | null;
      mediaUrls: readonly string[];
      location: { latitude: number; longitude: number; label: string | null } | null;
    };

export type SendWhatsAppMessageDeps = Pick<ApiServices, 'db' | 'clock' | 'env' | 'twilio' | 'push' | 'mediaUrls'>;

/**
 * The assigned agent replies on a WhatsApp interaction (assigned or in wrap-up): the stored message,
 * or a typed refusal (nothing sent) — window closed, opted out, template not approved, link not
 * allowed, pacing — or the provider's refusal (the message kept as failed).
 */
export async function sendWhatsAppMessage(
  deps: SendWhatsAppMessageDeps,
  request: { principal: Principal; interactionId: string; content: WhatsAppMessageContent },
): Promise<Message> {
  const { principal, content } = request;
  if (principal.kind !== 'user') throw new NotYourInteractionError();
  const interaction = await getInteraction(deps.db, request.interactionId);
  if (!interaction) throw new NotFoundError('Interaction');
  if (!isAssignedAgent(principal, interaction)) throw new NotYourInteractionError();
  if (interaction.channel !== 'whatsapp') throw new WrongChannelError('whatsapp', interaction.channel);
  // After-contact work may still send a last word (a summary, a link).
  if (interaction.status !== 'assigned' && interaction.status !== 'wrap_up') throw new InteractionStateError(interaction.status, 'replied to');
  const twilio = deps.twilio;
  const sender = twilio?.deps.config.TWILIO_WHATSAPP_FROM;
  if (!twilio || !sender) throw new TwilioNotConfiguredError('WhatsApp');
  const allowedLinkDomains = parseAllowList(deps.env.PUSH_LINK_DOMAINS);
  let outcome: ReplyOutcome;
  if (content.kind === 'template') {
    // Outside the window a template opens a business-initiated conversation: it counts against the budget.
    const businessInitiated = !(await whatsAppWindow(twilio.deps, interaction.customer_id)).open;
    const pace = (to: string) => deps.push.pace({ sender, to, businessInitiated });
    outcome = await sendWhatsAppTemplateReply(twilio.deps, interaction, principal.userId, { contentSid: content.contentSid, variables: content.variables, pace, allowedLinkDomains });
  } else {
    const body = content.body?.trim() || null;
    const mediaUrls = [...content.mediaUrls];
    const location = content.location ? { ...content.location, label: content.location.label?.trim() || null } : null;
    if (!body && !mediaUrls.length && !location) throw new EmptyMessageError();
    const fetchUrls = await mediaUrlsForTwilio(
      { db: deps.db, urls: deps.mediaUrls, publicBaseUrl: twilio.deps.publicBaseUrl(), ttlSeconds: deps.env.MEDIA_URL_TTL_SECONDS, now: deps.clock() },
      principal,
      mediaUrls,
    );
    outcome = await sendWhatsAppReply(twilio.deps, interaction, principal.userId, { body, mediaUrls, fetchUrls, location, allowedLinkDomains });
  }
  if (outcome.ok) return outcome.message;
  switch (outcome.reason) {
    case 'window_closed':
      throw new WhatsAppWindowClosedError(outcome.window.closesAt);
    case 'template_not_approved':
      throw new TemplateNotApprovedError(content.kind === 'template' ? content.contentSid : '', outcome.approvalStatus);
    case 'template_variables_missing':
      throw new TemplateVariablesMissingError(outcome.keys);
    case 'opted_out':
      throw new CustomerOptedOutError();
    case 'link_not_allowed':
      throw new LinkNotAllowedError(outcome.host);
    case 'no_whatsapp_identity':
      throw new NotFoundError('The customer’s WhatsApp number');
    case 'provider_refused':
      throw new MessageRefusedByProviderError(outcome.errorCode, outcome.message, outcome.detail);
    case 'provider_unreachable':
      throw new ProviderUnreachableError('Twilio', outcome.certainlyNotSent, outcome.detail);
  }
}
