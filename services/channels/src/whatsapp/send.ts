import type { TwilioClient } from '../twilio/client';

export interface WhatsAppOutbound {
  from: string;
  /** The customer's number, E.164. */
  to: string;
  body: string | null;
  mediaUrls: string[];
  location: { latitude: number; longitude: number; label: string | null } | null;
  statusCallback: string;
}

/**
 * Sends a free-form WhatsApp message through the Messages API. A location travels as
 * `PersistentAction=geo:LAT,LONG|LABEL`. Throws the SDK's RestException when Twilio refuses.
 */
export async function sendWhatsApp(client: TwilioClient, message: WhatsAppOutbound): Promise<{ sid: string; status: string }> {
  const created = await client.messages.create({
    from: message.from,
    to: `whatsapp:${message.to}`,
    ...(message.body ? { body: message.body } : {}),
    ...(message.mediaUrls.length ? { mediaUrl: message.mediaUrls } : {}),
    ...(message.location ? { persistentAction: [geoAction(message.location)] } : {}),
    statusCallback: message.statusCallback,
  });
  return { sid: created.sid, status: created.status };
}

function geoAction(location: { latitude: number; longitude: number; label: string | null }): string {
  const label = location.label?.replace(/\|/g, ' ').trim();
  return `geo:${location.latitude},${location.longitude}${label ? `|${label}` : ''}`;
}
