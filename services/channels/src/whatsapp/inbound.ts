import { z } from 'zod';
import { describeIssue, type TwilioParams } from '../twilio/form';

const e164 = /^\+[1-9]\d{6,14}$/;
const maxMedia = 10;

const fields = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'MessageSid must be SM/MM + 32 hex digits'),
  AccountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'AccountSid must be AC + 32 hex digits'),
  From: z.string().regex(/^whatsapp:\+[1-9]\d{6,14}$/, 'From must be whatsapp:+E164'),
  To: z.string().regex(/^whatsapp:\+[1-9]\d{6,14}$/, 'To must be whatsapp:+E164'),
  Body: z.string().max(4096, 'Body is longer than WhatsApp allows').optional(),
  NumMedia: z.coerce.number().int().min(0).max(maxMedia, `NumMedia must be 0–${maxMedia}`).default(0),
  ProfileName: z.string().max(256).optional(),
  WaId: z.string().regex(/^\d{7,15}$/, 'WaId must be the sender’s number in digits').optional(),
  Latitude: z.coerce.number().min(-90).max(90).optional(),
  Longitude: z.coerce.number().min(-180).max(180).optional(),
  Address: z.string().max(1024).optional(),
  Label: z.string().max(1024).optional(),
  ButtonText: z.string().max(1024).optional(),
  ButtonPayload: z.string().max(1024).optional(),
});

export interface InboundWhatsApp {
  messageSid: string;
  accountSid: string;
  /** The customer's number, E.164 (from WaId when present, else From). */
  from: string;
  /** Our sender, `whatsapp:+E164`. */
  to: string;
  body: string | null;
  profileName: string | null;
  media: { url: string; contentType: string }[];
  location: { latitude: number; longitude: number; label: string | null; address: string | null } | null;
  button: { text: string | null; payload: string } | null;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Reads an inbound WhatsApp webhook (text, media, location, button reply); refuses what Twilio would never send. */
export function parseInboundWhatsApp(params: TwilioParams): ParseResult<InboundWhatsApp> {
  const parsed = fields.safeParse(params);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error.issues, params) };
  const p = parsed.data;
  const media: InboundWhatsApp['media'] = [];
  for (let i = 0; i < p.NumMedia; i++) {
    const url = params[`MediaUrl${i}`];
    const contentType = params[`MediaContentType${i}`];
    if (!url || !contentType) return { ok: false, reason: `MediaUrl${i} and MediaContentType${i} are required when NumMedia is ${p.NumMedia}` };
    if (!/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url)) return { ok: false, reason: `MediaUrl${i} is not a URL` };
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(contentType)) return { ok: false, reason: `MediaContentType${i} is not a content type` };
    media.push({ url, contentType: contentType.toLowerCase() });
  }
  if ((p.Latitude === undefined) !== (p.Longitude === undefined)) return { ok: false, reason: 'Latitude and Longitude come together' };
  const from = p.WaId ? `+${p.WaId}` : p.From.slice('whatsapp:'.length);
  if (!e164.test(from)) return { ok: false, reason: 'WaId is not a phone number' };
  if (p.WaId && `whatsapp:+${p.WaId}` !== p.From) return { ok: false, reason: 'WaId does not match From' };
  const body = p.Body?.length ? p.Body : null;
  const location = p.Latitude !== undefined && p.Longitude !== undefined ? { latitude: p.Latitude, longitude: p.Longitude, label: p.Label ?? null, address: p.Address ?? null } : null;
  const button = p.ButtonPayload !== undefined ? { text: p.ButtonText ?? null, payload: p.ButtonPayload } : null;
  if (!body && media.length === 0 && !location && !button) return { ok: false, reason: 'the message has no body, media, location or button reply' };
  return {
    ok: true,
    value: { messageSid: p.MessageSid, accountSid: p.AccountSid, from, to: p.To, body: body ?? button?.text ?? null, profileName: p.ProfileName?.trim() || null, media, location, button },
  };
}
