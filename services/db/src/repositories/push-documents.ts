import { sql } from 'kysely';
import type { Db } from '../database';
import type { PushDocument } from '../tables/push-documents';

/** A library document with its file's type and size (never its bytes). */
export type PushDocumentEntry = PushDocument & { content_type: string; size_bytes: number };

function entries(db: Db) {
  return db
    .selectFrom('push_documents as d')
    .innerJoin('media_objects as m', 'm.id', 'd.media_id')
    .selectAll('d')
    .select(['m.content_type', 'm.size_bytes']);
}

/** Adds a stored file to the library; `null` when an offered document already has that title. */
export async function addPushDocument(db: Db, doc: { title: string; description: string | null; mediaId: string; addedBy: string | null; now: Date }): Promise<PushDocument | null> {
  const row = await db
    .insertInto('push_documents')
    .values({ title: doc.title, description: doc.description, media_id: doc.mediaId, added_by: doc.addedBy, created_at: doc.now })
    .onConflict((oc) => oc.expression(sql`lower(title)`).where('withdrawn_at', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** The documents agents can pick, by title. */
export function listPushDocuments(db: Db): Promise<PushDocumentEntry[]> {
  return entries(db).where('d.withdrawn_at', 'is', null).orderBy('d.title').execute();
}

export function getPushDocument(db: Db, id: string): Promise<PushDocumentEntry | undefined> {
  return entries(db).where('d.id', '=', id).executeTakeFirst();
}

/** Stops offering a document; pushes that carried it keep their file. */
export async function withdrawPushDocument(db: Db, id: string, now: Date): Promise<PushDocument | undefined> {
  return db.updateTable('push_documents').set({ withdrawn_at: now }).where('id', '=', id).where('withdrawn_at', 'is', null).returningAll().executeTakeFirst();
}
