import type { TwilioClient } from './client';

/** A plain SMS through the Messages API (the fallback when a number has no WhatsApp). */
export async function sendSms(client: TwilioClient, sms: { from: string; to: string; body: string; statusCallback: string | null }): Promise<{ sid: string; status: string }> {
  const created = await client.messages.create({ from: sms.from, to: sms.to, body: sms.body, ...(sms.statusCallback ? { statusCallback: sms.statusCallback } : {}) });
  return { sid: created.sid, status: created.status };
}
