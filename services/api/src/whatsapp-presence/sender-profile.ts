import { z } from 'zod';
import { senderVerticals, type SenderProfile } from '@cc/core/whatsapp-presence';
import { providerError } from '@cc/channels/provider-failure';
import { classifyTwilioError } from '@cc/channels/twilio/errors';
import { fetchWhatsAppSender, updateWhatsAppSenderProfile, type WhatsAppSender } from '@cc/channels/whatsapp/sender-profile';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import { cacheSenderProfile, getCachedSenderProfile } from '@cc/db/repositories/whatsapp-presence';
import type { WhatsAppSenderProfileRow } from '@cc/db/tables/whatsapp-presence';
import type { TwilioDeps } from '../twilio/deps';
import { WhatsAppSenderNotConfiguredError, WhatsAppSettingInvalidError } from './errors';

export type SenderDeps = Pick<TwilioDeps, 'db' | 'client' | 'config' | 'clock'>;

function senderSid(deps: Pick<SenderDeps, 'config'>): string {
  const sid = deps.config.TWILIO_WHATSAPP_SENDER_SID;
  if (!sid) throw new WhatsAppSenderNotConfiguredError();
  return sid;
}

/** Calls Twilio; a failure becomes ProviderUnreachableError (no answer) or ProviderRefusedError (an answer saying no). */
async function twilio<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw providerError('Twilio', classifyTwilioError(e));
  }
}

/** The cached profile (what the widget and automatic replies read); null before the first read from Twilio. */
export async function cachedSenderProfile(deps: Pick<SenderDeps, 'db' | 'config'>): Promise<WhatsAppSenderProfileRow | null> {
  const sid = deps.config.TWILIO_WHATSAPP_SENDER_SID;
  return sid ? ((await getCachedSenderProfile(deps.db, sid)) ?? null) : null;
}

/** Reads the sender (profile and status) from Twilio and keeps it as the cached copy. */
export async function refreshSenderProfile(deps: SenderDeps): Promise<WhatsAppSenderProfileRow> {
  const sid = senderSid(deps);
  const sender = await twilio(() => fetchWhatsAppSender(deps.client, sid));
  return keep(deps, sid, sender, sender.profile, null);
}

/**
 * An administrator changes the public profile. Validated first (nothing is sent when a field is
 * wrong), then posted to Twilio; the cache keeps what was asked for (Twilio accepts the change and
 * applies it asynchronously, its status saying so) and the change is audited.
 */
export async function updateSenderProfile(deps: SenderDeps, userId: string, input: SenderProfile): Promise<WhatsAppSenderProfileRow> {
  const sid = senderSid(deps);
  const profile = validProfile(input);
  const sender = await twilio(() => updateWhatsAppSenderProfile(deps.client, sid, profile));
  const row = await keep(deps, sid, sender, profile, userId);
  await recordAuditEvent(deps.db, { actorType: 'user', actorId: userId, action: 'whatsapp_profile.updated', subjectType: 'whatsapp_sender', subjectId: sid, data: { profile } });
  return row;
}

function keep(deps: SenderDeps, sid: string, sender: WhatsAppSender, profile: SenderProfile, userId: string | null): Promise<WhatsAppSenderProfileRow> {
  return cacheSenderProfile(deps.db, { senderSid: sid, senderId: sender.senderId, status: sender.status, profile, fetchedAt: deps.clock(), updatedBy: userId });
}

const email = z.email();
const limits = { name: 75, about: 139, description: 512, address: 256 } as const;

/** Meta's and Twilio's limits on a profile, checked before anything is sent. */
export function validProfile(input: SenderProfile): SenderProfile {
  const text = (field: keyof typeof limits, value: string | null): string | null => {
    const v = value?.trim() || null;
    if (v && v.length > limits[field]) throw new WhatsAppSettingInvalidError(field, `at most ${limits[field]} characters`);
    return v;
  };
  const name = text('name', input.name);
  if (!name) throw new WhatsAppSettingInvalidError('name', 'the display name is required');
  // Meta's display-name rules: no URLs and no e-mail addresses in the name.
  if (/https?:|www\.|@/i.test(name)) throw new WhatsAppSettingInvalidError('name', 'a display name may not contain a web address or an e-mail');
  const emails = input.emails.map((e) => e.trim()).filter(Boolean);
  if (emails.length > 2) throw new WhatsAppSettingInvalidError('emails', 'at most 2 addresses');
  for (const e of emails) if (!email.safeParse(e).success) throw new WhatsAppSettingInvalidError('emails', `"${e}" is not an e-mail address`);
  const websites = input.websites.map((w) => w.trim()).filter(Boolean);
  if (websites.length > 2) throw new WhatsAppSettingInvalidError('websites', 'at most 2 websites');
  for (const w of [...websites, ...(input.logoUrl?.trim() ? [input.logoUrl.trim()] : [])]) {
    if (!/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(w)) throw new WhatsAppSettingInvalidError(w === input.logoUrl?.trim() ? 'logoUrl' : 'websites', `"${w}" is not an http(s) address`);
  }
  const vertical = input.vertical?.trim() || null;
  if (vertical && !(senderVerticals as readonly string[]).includes(vertical)) throw new WhatsAppSettingInvalidError('vertical', `"${vertical}" is not one of WhatsApp's categories`);
  return { name, about: text('about', input.about), description: text('description', input.description), address: text('address', input.address), emails, websites, vertical, logoUrl: input.logoUrl?.trim() || null };
}
