import { sql } from 'kysely';
import { createHash } from 'node:crypto';
import type { Db } from '../database';
import type { MediaKind, MediaObject } from '../tables/media-objects';

export interface NewMediaObject {
  contentType: string;
  data: Buffer;
  sourceUrl: string | null;
  kind: MediaKind;
  interactionId: string | null;
  uploadedBy: string | null;
  filename: string | null;
}

export async function storeMediaObject(db: Db, file: NewMediaObject): Promise<MediaObject> {
  return db
    .insertInto('media_objects')
    .values({
      content_type: file.contentType,
      size_bytes: file.data.byteLength,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      data: file.data,
      source_url: file.sourceUrl,
      kind: file.kind,
      interaction_id: file.interactionId,
      uploaded_by: file.uploadedBy,
      filename: file.filename,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function getMediaObject(db: Db, id: string): Promise<MediaObject | undefined> {
  return db.selectFrom('media_objects').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Who owns a file (the access check before serving it), without reading its content. */
export function getMediaOwnership(db: Db, id: string): Promise<Pick<MediaObject, 'id' | 'kind' | 'interaction_id' | 'uploaded_by'> | undefined> {
  return db.selectFrom('media_objects').select(['id', 'kind', 'interaction_id', 'uploaded_by']).where('id', '=', id).executeTakeFirst();
}

/** Binds files stored before their interaction was known (inbound messages) or pushed on one (uploads). */
export async function assignMediaInteraction(db: Db, ids: readonly string[], interactionId: string): Promise<void> {
  if (ids.length) await db.updateTable('media_objects').set({ interaction_id: interactionId }).where('id', 'in', ids).where('interaction_id', 'is', null).execute();
}

/** A file's type, size, owner and first bytes (enough to check it) without reading the whole file. */
export function getMediaHead(
  db: Db,
  id: string,
): Promise<{ id: string; content_type: string; size_bytes: number; kind: MediaKind; uploaded_by: string | null; head: Buffer } | undefined> {
  return db
    .selectFrom('media_objects')
    .select(['id', 'content_type', 'size_bytes', 'kind', 'uploaded_by', sql<Buffer>`substring(data from 1 for 16)`.as('head')])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Removes files no message refers to (a webhook that failed after storing its media). */
export async function deleteMediaObjects(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.deleteFrom('media_objects').where('id', 'in', ids).execute();
}
