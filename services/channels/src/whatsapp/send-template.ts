import type { TwilioClient } from '../twilio/client';

export interface WhatsAppTemplateOutbound {
  from: string;
  /** The customer's number, E.164. */
  to: string;
  /** An approved Content API template (HX…). */
  contentSid: string;
  /** Placeholder → value ({"1": "…"}); sent as the JSON Twilio expects. */
  variables: Record<string, string>;
  statusCallback: string;
}

/**
 * Sends an approved WhatsApp template (the only way to reach a customer outside the 24 h window):
 * `ContentSid` + `ContentVariables`, never `Body` or `MediaUrl` (Twilio refuses templates as plain
 * text since 2025-04-01). Throws the SDK's RestException when Twilio refuses.
 */
export async function sendWhatsAppTemplate(client: TwilioClient, message: WhatsAppTemplateOutbound): Promise<{ sid: string; status: string }> {
  const created = await client.messages.create({
    from: message.from,
    to: `whatsapp:${message.to}`,
    contentSid: message.contentSid,
    ...(Object.keys(message.variables).length ? { contentVariables: JSON.stringify(message.variables) } : {}),
    statusCallback: message.statusCallback,
  });
  return { sid: created.sid, status: created.status };
}
