import { normalizeIdentity } from '@cc/core/identity';
import type { CountryCode } from 'libphonenumber-js';
import { recordConsent } from '@cc/db/repositories/consents';
import { resolveCustomerByIdentity } from '@cc/db/repositories/customers';
import { getWebchatSite } from '@cc/db/repositories/webchat';
import type { Consent } from '@cc/db/tables/consents';
import type { ApiServices } from '../context';
import { UnknownChatSiteError } from '../webchat/errors';
import { within } from '../webchat/rate-limits';
import type { VisitorClaims } from '../webchat/visitor-tokens';
import { InvalidAttributeError } from './errors';

/** Opt-ins one visitor (and one address) may submit per hour: a public form, not a bulk loader. */
const optInsPerHour = 5;

/**
 * What the widget's (unticked) marketing checkbox says, naming the company (the chat site's name).
 * Built here, not by the browser, so the wording kept as evidence is the wording shown.
 */
export function marketingOptInWording(company: string): string {
  return `I want to receive offers and news from ${company} on WhatsApp at the number I give. I can reply STOP at any time to stop them.`;
}

export async function marketingOptInText(deps: Pick<ApiServices, 'db'>, visitor: VisitorClaims): Promise<{ company: string; wording: string }> {
  const site = await getWebchatSite(deps.db, visitor.siteId);
  if (!site) throw new UnknownChatSiteError();
  return { company: site.name, wording: marketingOptInWording(site.name) };
}

/**
 * A chat visitor ticks the marketing checkbox and gives a WhatsApp number: a MARKETING consent for
 * that number's customer, with the wording shown, the site, the visitor, the page and the address
 * as evidence. Unticked is refused: consent is never assumed.
 */
export async function recordWebchatMarketingOptIn(
  deps: Pick<ApiServices, 'db' | 'clock' | 'rateLimiter' | 'env'>,
  request: { visitor: VisitorClaims; phone: string; agreed: boolean; pageUrl: string | null; clientAddress: string | null },
): Promise<{ consent: Consent; phoneE164: string }> {
  if (!request.agreed) throw new InvalidAttributeError('agreed', 'tick the box to agree; nothing was recorded');
  await within(deps, `chat-optin:${request.visitor.siteId}:${request.visitor.visitorId}`, optInsPerHour, 3600_000);
  await within(deps, `chat-optin:${request.clientAddress ?? 'unknown'}`, optInsPerHour, 3600_000);
  const { company, wording } = await marketingOptInText(deps, request.visitor);
  let phoneE164: string;
  try {
    phoneE164 = normalizeIdentity('whatsapp', request.phone, deps.env.DEFAULT_PHONE_REGION as CountryCode);
  } catch {
    throw new InvalidAttributeError('phone', `"${request.phone}" is not a valid phone number; use international format, e.g. +34 600 000 000`);
  }
  const { customer } = await resolveCustomerByIdentity(deps.db, 'whatsapp', phoneE164);
  const now = deps.clock();
  const consent = await recordConsent(
    deps.db,
    {
      customerId: customer.id,
      channel: 'whatsapp',
      purpose: 'marketing',
      granted: true,
      source: 'webchat_checkbox',
      evidence: { wording, company, phone: phoneE164, siteId: request.visitor.siteId, visitorId: request.visitor.visitorId, page: request.pageUrl, clientAddress: request.clientAddress, at: now.toISOString() },
      recordedByUserId: null,
      messageId: null,
      interactionId: null,
    },
    now,
  );
  return { consent: consent!, phoneE164 };
}
