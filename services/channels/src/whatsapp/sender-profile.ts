import type { SenderProfile } from '@cc/core/whatsapp-presence';
import type { TwilioClient } from '../twilio/client';

/** A WhatsApp sender as Twilio's Senders API describes it. */
export interface WhatsAppSender {
  sid: string;
  /** `whatsapp:+E164`. */
  senderId: string | null;
  /** ONLINE, VERIFYING, OFFLINE, TWILIO_REVIEW, … */
  status: string | null;
  profile: SenderProfile;
}

type SenderInstance = Awaited<ReturnType<ReturnType<TwilioClient['messaging']['v2']['channelsSenders']>['fetch']>>;

function fromInstance(sender: SenderInstance): WhatsAppSender {
  const p = sender.profile;
  return {
    sid: sender.sid,
    senderId: sender.senderId ?? null,
    status: sender.status ?? null,
    profile: {
      name: p?.name ?? null,
      about: p?.about ?? null,
      description: p?.description ?? null,
      address: p?.address ?? null,
      emails: (p?.emails ?? []).map((e) => e.email).filter((e): e is string => !!e),
      websites: (p?.websites ?? []).map((w) => w.website).filter((w): w is string => !!w),
      vertical: p?.vertical ?? null,
      logoUrl: p?.logoUrl ?? null,
    },
  };
}

/** GET /v2/Channels/Senders/{Sid}. Throws the SDK's RestException when Twilio refuses. */
export async function fetchWhatsAppSender(client: TwilioClient, sid: string): Promise<WhatsAppSender> {
  return fromInstance(await client.messaging.v2.channelsSenders(sid).fetch());
}

/**
 * POST /v2/Channels/Senders/{Sid} with a JSON `profile`. The SDK sends `params` as the body
 * verbatim, so it must already be in the wire's snake_case (its camel-cased type would reach
 * Twilio as unknown keys, silently ignored).
 */
export async function updateWhatsAppSenderProfile(client: TwilioClient, sid: string, profile: SenderProfile): Promise<WhatsAppSender> {
  const body = {
    profile: {
      name: profile.name,
      about: profile.about,
      description: profile.description,
      address: profile.address,
      vertical: profile.vertical,
      logo_url: profile.logoUrl,
      emails: profile.emails.map((email) => ({ email, label: 'Email' })),
      websites: profile.websites.map((website) => ({ website, label: 'Website' })),
    },
  };
  type UpdateParams = Parameters<ReturnType<TwilioClient['messaging']['v2']['channelsSenders']>['update']>[0];
  return fromInstance(await client.messaging.v2.channelsSenders(sid).update(body as unknown as UpdateParams));
}
