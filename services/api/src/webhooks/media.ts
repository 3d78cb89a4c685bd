import type { IncomingMessage, ServerResponse } from 'node:http';
import { getMediaObject, getMediaOwnership } from '@cc/db/repositories/media-objects';
import type { ApiServices } from '../context';
import { signedInCaller } from '../http/signed-in-caller';
import { mayReadMedia } from '../authorization/policy';
import { replyText } from './http';
import { requestHeaders } from '../http/request-headers';
import { mediaPathPattern } from '../media/signed-urls';
import { logger } from '@cc/core/logger';
import { auditCustomerRead } from '../privacy/audit-log';


/**
 * Shown in place (the console's <img>, <audio>, <video>): raster images, audio and video only.
 * Anything a browser could run as a document on our origin (SVG, HTML, XML, PDF…) is downloaded.
 */
const inlineTypes = /^(image\/(png|jpeg|gif|webp)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

/**
 * Documents WhatsApp carries, downloaded with their own type: Twilio takes a pushed file's type from
 * the Content-Type it is served with. No browser runs these as a page. Any other type is octet-stream.
 */
const documentTypes = new Set([
  'application/pdf', 'application/msword', 'application/vnd.ms-excel', 'text/vcard', 'text/x-vcard',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

/** File name extensions for downloads that carry no name of their own (WhatsApp media, uploads). */
const extensions: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'application/pdf': 'pdf',
  'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'audio/amr': 'amr', 'video/mp4': 'mp4', 'video/3gpp': '3gp',
  'application/msword': 'doc', 'application/vnd.ms-excel': 'xls', 'text/vcard': 'vcf', 'text/x-vcard': 'vcf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/**
 * GET /media/<id>: a file the project keeps (message attachments, push uploads, library documents).
 * Read with a short-lived signature (`?exp=&sig=`, given to Twilio and customers) or by a session
 * allowed to see the file's interaction. Served so that no file can run as a page of the console:
 * only raster images, audio and video inline, everything else as an attachment (octet-stream unless
 * a known document type), and always nosniff and a sandboxing CSP.
 */
export async function handleMedia(services: ApiServices, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const id = mediaPathPattern.exec(path)?.[1];
  const log = (status: number, outcome: string, by?: string) => logger({ component: 'media' }).info({ method: req.method, media: id ?? path, status, by }, outcome);
  if (!id) return log(404, 'bad id'), replyText(res, 404, 'no such media');
  if (req.method !== 'GET' && req.method !== 'HEAD') return replyText(res, 405, 'media is read with GET', { allow: 'GET, HEAD' });
  try {
    const query = new URL(req.url ?? '/', 'http://media.invalid').searchParams;
    let by: string;
    if (query.has('sig') || query.has('exp')) {
      const verdict = services.mediaUrls.verify(id, query.get('exp'), query.get('sig'), services.clock());
      if (verdict !== 'valid') return log(403, `${verdict} signature`), replyText(res, 403, 'this media link is invalid or has expired');
      by = 'signature';
    } else {
      const principal = await signedInCaller(services, requestHeaders(req), res, 'sign in to read this media');
      if (!principal) return log(401, 'no valid credential');
      by = principal.kind === 'user' ? `user ${principal.userId}` : principal.kind === 'apiKey' ? `key ${principal.keyId}` : principal.kind;
      const owner = await getMediaOwnership(services.db, id);
      if (!owner) return log(404, 'unknown', by), replyText(res, 404, 'no such media');
      if (!(await mayReadMedia(services.db, principal, owner))) return log(403, 'not allowed', by), replyText(res, 403, 'you may not read this media');
      // Library documents are the business's own; every other file is a customer's.
      if (owner.kind !== 'push_document') await auditCustomerRead(services.db, principal, { what: 'media', customerId: null, subjectType: 'media', subjectId: id, detail: { interactionId: owner.interaction_id } });
    }
    const media = await getMediaObject(services.db, id);
    if (!media) return log(404, 'unknown', by), replyText(res, 404, 'no such media');
    const type = media.content_type.split(';')[0]!.trim().toLowerCase();
    const inline = inlineTypes.test(type);
    res.writeHead(200, {
      'content-type': inline || documentTypes.has(type) ? type : 'application/octet-stream',
      'content-length': String(media.size_bytes),
      'content-disposition': inline ? 'inline' : attachment(media.filename, `media-${media.id}${extensions[type] ? `.${extensions[type]}` : ''}`),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
      // Access can end (an interaction handed on): browsers keep it briefly, shared caches never.
      'cache-control': 'private, max-age=300',
      etag: `"${media.sha256}"`,
    });
    res.end(req.method === 'HEAD' ? undefined : media.data);
    log(200, 'served', by);
  } catch (e) {
    logger({ component: 'media' }).error({ err: e, media: id }, 'media read failed');
    replyText(res, 500, 'the media could not be read');
  }
}

/**
 * `attachment` with the sender's name made harmless: an ASCII fallback without quotes, slashes or
 * controls, and the full name as RFC 8187 `filename*`.
 */
export function attachment(filename: string | null, fallback: string): string {
  const name = (filename ?? '').replace(/[\u0000-\u001f\u007f"\\/]+/g, '_').replace(/^[.\s]+/, '').trim().slice(0, 150) || fallback;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return ascii === name ? `attachment; filename="${ascii}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
