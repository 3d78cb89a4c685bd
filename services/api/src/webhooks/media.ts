import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '@cc/db/database';
import { getMediaObject } from '@cc/db/repositories/media-objects';
import { replyText } from './http';

const mediaPath = /^\/media\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * GET /media/<id>: a file the project keeps (inbound WhatsApp media). The random id is the
 * capability: agents' consoles show it and Twilio fetches it when an agent forwards it.
 */
export async function handleMedia(db: Db, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const id = mediaPath.exec(path)?.[1];
  if (!id) return replyText(res, 404, 'no such media');
  if (req.method !== 'GET' && req.method !== 'HEAD') return replyText(res, 405, 'media is read with GET', { allow: 'GET, HEAD' });
  try {
    const media = await getMediaObject(db, id);
    if (!media) return replyText(res, 404, 'no such media');
    const inline = media.content_type.startsWith('image/') || media.content_type.startsWith('audio/') || media.content_type.startsWith('video/');
    res.writeHead(200, {
      'content-type': media.content_type,
      'content-length': String(media.size_bytes),
      'cache-control': 'private, max-age=86400, immutable',
      'x-content-type-options': 'nosniff',
      'content-disposition': inline ? 'inline' : 'attachment',
      etag: `"${media.sha256}"`,
    });
    res.end(req.method === 'HEAD' ? undefined : media.data);
  } catch (e) {
    console.error('media read failed', e);
    replyText(res, 500, 'the media could not be read');
  }
}
