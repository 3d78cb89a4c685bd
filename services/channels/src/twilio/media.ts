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
  /** `refused`: the file is not acceptable (type, size); `unavailable`: it could not be fetched now. */
  | { ok: false; kind: 'refused' | 'unavailable'; reason: string };

/**
 * Downloads one inbound media file with the account's credentials (HTTP basic; Twilio redirects
 * to a short-lived storage URL, and fetch drops the Authorization header on that cross-origin hop).
 * The declared and served types must agree and be allowed; the size is checked while streaming.
 */
export async function fetchTwilioMedia(
  url: string,
  opts: { username: string; password: string; declaredType: string; maxBytes: number; timeoutMs?: number },
): Promise<MediaFetch> {
  const declared = opts.declaredType.split(';')[0]!.trim().toLowerCase();
  const rule = allowedMediaTypes[declared];
  if (!rule) return { ok: false, kind: 'refused', reason: `media type ${declared} is not accepted` };
  const limit = Math.min(rule.maxBytes, opts.maxBytes);
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { authorization: `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}` },
      redirect: 'follow',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
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
