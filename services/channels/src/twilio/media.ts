/**
 * WhatsApp media types Twilio delivers and the project keeps (guidance-whatsapp-media-messages);
 * images have their own, smaller limit.
 */
export const allowedMediaTypes: Record<string, { maxBytes: number }> = {
  'image/jpeg': { maxBytes: 5 * 1024 * 1024 },
  'image/png': { maxBytes: 5 * 1024 * 1024 },
  'image/webp': { maxBytes: 5 * 1024 * 1024 },
  'audio/ogg': { maxBytes: 16 * 1024 * 1024 },
  'audio/amr': { maxBytes: 16 * 1024 * 1024 },
  'audio/3gpp': { maxBytes: 16 * 1024 * 1024 },
  'audio/aac': { maxBytes: 16 * 1024 * 1024 },
  'audio/mpeg': { maxBytes: 16 * 1024 * 1024 },
  'audio/mp4': { maxBytes: 16 * 1024 * 1024 },
  'video/mp4': { maxBytes: 16 * 1024 * 1024 },
  'video/3gpp': { maxBytes: 16 * 1024 * 1024 },
  'application/pdf': { maxBytes: 16 * 1024 * 1024 },
  'application/msword': { maxBytes: 16 * 1024 * 1024 },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { maxBytes: 16 * 1024 * 1024 },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { maxBytes: 16 * 1024 * 1024 },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { maxBytes: 16 * 1024 * 1024 },
  'application/vnd.ms-excel': { maxBytes: 16 * 1024 * 1024 },
  'text/vcard': { maxBytes: 16 * 1024 * 1024 },
  'text/x-vcard': { maxBytes: 16 * 1024 * 1024 },
};

export type MediaFetch =
  | { ok: true; contentType: string; data: Buffer }
  /** `refused`: the file is not acceptable (type, size, address); `unavailable`: it could not be fetched now. */
  | { ok: false; kind: 'refused' | 'unavailable'; reason: string };

/** Where Twilio serves inbound media: /2010-04-01/Accounts/<AccountSid>/Messages/<MessageSid>/Media/<MediaSid>. */
export const twilioApiBase = 'https://api.twilio.com';

const maxRedirects = 3;

/**
 * The media URL, normalised, when it names a file of this account on Twilio's API (`apiBase`: a
 * stand-in in tests) — the only place the account's credentials may be sent; otherwise null.
 */
export function twilioMediaUrl(url: string, accountSid: string, apiBase: string = twilioApiBase): URL | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  const base = new URL(apiBase);
  if (target.origin !== base.origin || target.username || target.password || target.search || target.hash) return null;
  const prefix = `${base.pathname.replace(/\/+$/, '')}/2010-04-01/Accounts/${accountSid}/Messages/`;
  if (!target.pathname.startsWith(prefix)) return null;
  return /^[A-Za-z0-9]+\/Media\/[A-Za-z0-9]+$/.test(target.pathname.slice(prefix.length)) ? target : null;
}

/**
 * Downloads one inbound media file. Only a media URL of this account on Twilio's API is fetched, and
 * only that request carries the account's credentials (HTTP basic): Twilio answers with a redirect
 * to a short-lived storage URL, followed here by hand and without credentials. The declared and
 * served types must agree and be allowed; the size is checked while streaming.
 */
export async function fetchTwilioMedia(
  url: string,
  opts: { username: string; password: string; accountSid: string; apiBase?: string; declaredType: string; maxBytes: number; timeoutMs?: number },
): Promise<MediaFetch> {
  const declared = opts.declaredType.split(';')[0]!.trim().toLowerCase();
  const rule = allowedMediaTypes[declared];
  if (!rule) return { ok: false, kind: 'refused', reason: `media type ${declared} is not accepted` };
  const limit = Math.min(rule.maxBytes, opts.maxBytes);
  const apiBase = opts.apiBase ?? twilioApiBase;
  let target = twilioMediaUrl(url, opts.accountSid, apiBase);
  if (!target) return { ok: false, kind: 'refused', reason: `media URL is not this account's media on ${apiBase}` };
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 10_000);
  let res: Response;
  try {
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = hop === 0 ? { authorization: `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}` } : {};
      res = await fetch(target, { headers, redirect: 'manual', signal });
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (!location) break;
      await res.body?.cancel();
      if (hop >= maxRedirects) return { ok: false, kind: 'unavailable', reason: `media was redirected more than ${maxRedirects} times` };
      target = new URL(location, target);
      // Storage is reached over https (a stand-in of Twilio's API in tests may use its own scheme).
      if (target.protocol !== 'https:' && target.protocol !== new URL(apiBase).protocol) {
        return { ok: false, kind: 'refused', reason: `media was redirected to a ${target.protocol} URL` };
      }
    }
  } catch (e) {
    return { ok: false, kind: 'unavailable', reason: `media could not be fetched: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    return { ok: false, kind: res.status === 404 || res.status === 403 ? 'refused' : 'unavailable', reason: `media server answered ${res.status}` };
  }
  const served = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (served && served !== declared) {
    await res.body.cancel();
    return { ok: false, kind: 'refused', reason: `media is ${served} but was announced as ${declared}` };
  }
  const length = Number(res.headers.get('content-length') ?? NaN);
  if (length > limit) {
    await res.body.cancel();
    return { ok: false, kind: 'refused', reason: `media is ${length} bytes; at most ${limit} are accepted for ${declared}` };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return { ok: false, kind: 'refused', reason: `media is larger than ${limit} bytes accepted for ${declared}` };
    chunks.push(Buffer.from(chunk));
  }
  if (size === 0) return { ok: false, kind: 'refused', reason: 'media is empty' };
  return { ok: true, contentType: declared, data: Buffer.concat(chunks) };
}
