import { checkPushMedia, type MediaRefusal } from '@cc/core/whatsapp-media';
import type { Db } from '@cc/db/database';
import { getMediaHead, storeMediaObject } from '@cc/db/repositories/media-objects';
import type { MediaObject } from '@cc/db/tables/media-objects';
import { getPushDocument } from '@cc/db/repositories/push-documents';
import { MediaRefusedError } from './errors';

/** The refusal of a file WhatsApp would not take, in words that say what to do instead. */
export function mediaRefused(r: MediaRefusal): MediaRefusedError {
  switch (r.reason) {
    case 'type':
      return new MediaRefusedError('type', `WhatsApp does not take ${r.contentType} files — send a JPG/PNG image, PDF or Office document, MP4 video or audio.`);
    case 'size':
      return new MediaRefusedError('size', `The file is ${(r.sizeBytes / 1048576).toFixed(1)} MB; WhatsApp takes at most ${r.maxBytes / 1048576} MB for ${r.contentType} — send a smaller file or a link.`);
    case 'mismatch':
      return new MediaRefusedError('mismatch', `The file's content is not ${r.contentType} as declared — upload the file again with its real type.`);
    case 'empty':
      return new MediaRefusedError('empty', 'The file is empty — upload it again.');
  }
}

export type PushFile = { mediaId: string; contentType: string; documentId: string | null; title: string | null };

/**
 * The file of a media push — an upload or a library document — checked again against WhatsApp's
 * limits (the rules may have changed since it was stored). Reads only the file's first bytes.
 */
export async function pushFile(db: Db, source: { mediaId: string } | { documentId: string }, agentId: string): Promise<PushFile> {
  let document: { id: string; title: string } | null = null;
  let mediaId: string;
  if ('documentId' in source) {
    const doc = await getPushDocument(db, source.documentId);
    if (!doc) throw new MediaRefusedError('missing', 'That document is not in the library — pick another one.');
    if (doc.withdrawn_at) throw new MediaRefusedError('withdrawn', `"${doc.title}" was withdrawn from the library — pick another document.`);
    document = { id: doc.id, title: doc.title };
    mediaId = doc.media_id;
  } else mediaId = source.mediaId;
  const media = await getMediaHead(db, mediaId);
  // Only the agent's own uploads go by id: never another conversation's attachment.
  const ownUpload = media?.kind === 'push_upload' && media.uploaded_by === agentId;
  if (!media || (!document && !ownUpload)) throw new MediaRefusedError('missing', 'That file was not uploaded or no longer exists — upload it again.');
  const refusal = checkPushMedia({ contentType: media.content_type, sizeBytes: media.size_bytes, head: media.head });
  if (refusal) throw mediaRefused(refusal);
  return { mediaId: media.id, contentType: media.content_type, documentId: document?.id ?? null, title: document?.title ?? null };
}

/** Stores a file to push (an upload or a library document) only if WhatsApp would take it. */
export async function storePushFile(
  db: Db,
  file: { contentType: string; dataBase64: string },
  owner: { kind: 'push_upload' | 'push_document'; uploadedBy: string | null },
): Promise<MediaObject> {
  const data = Buffer.from(file.dataBase64, 'base64');
  const contentType = file.contentType.split(';')[0]!.trim().toLowerCase();
  const refusal = checkPushMedia({ contentType, sizeBytes: data.byteLength, head: data.subarray(0, 16) });
  if (refusal) throw mediaRefused(refusal);
  return storeMediaObject(db, { contentType, data, sourceUrl: null, kind: owner.kind, interactionId: null, uploadedBy: owner.uploadedBy, filename: null });
}
