import { sql } from 'kysely';
import { createHash } from 'node:crypto';
import type { Db } from '../database';
import type { MediaObject } from '../tables/media-objects';

export async function storeMediaObject(db: Db, file: { contentType: string; data: Buffer; sourceUrl: string | null }): Promise<MediaObject> {
  return db
    .insertInto('media_objects')
    .values({
      content_type: file.contentType,
      size_bytes: file.data.byteLength,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      data: file.data,
      source_url: file.sourceUrl,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function getMediaObject(db: Db, id: string): Promise<MediaObject | undefined> {
  return db.selectFrom('media_objects').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A file's type, size and first bytes (enough to check it) without reading the whole file. */
export function getMediaHead(db: Db, id: string): Promise<{ id: string; content_type: string; size_bytes: number; head: Buffer } | undefined> {
  return db
    .selectFrom('media_objects')
    .select(['id', 'content_type', 'size_bytes', sql<Buffer>`substring(data from 1 for 16)`.as('head')])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Removes files no message refers to (a webhook that failed after storing its media). */
export async function deleteMediaObjects(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.deleteFrom('media_objects').where('id', 'in', ids).execute();
}
