import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Who may read a file: the interaction it belongs to, or its kind (library documents: any user).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('media_objects')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('message').check(sql`kind in ('message', 'push_upload', 'push_document')`))
    .addColumn('interaction_id', 'uuid', (c) => c.references('interactions.id').onDelete('set null'))
    .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('filename', 'text')
    .execute();
  await db.schema.createIndex('media_objects_interaction_idx').on('media_objects').column('interaction_id').execute();

  // Existing files: library documents, pushed uploads and message attachments learn their owner.
  await sql`update media_objects m set kind = 'push_document' from push_documents d where d.media_id = m.id`.execute(db);
  await sql`
    update media_objects m set kind = 'push_upload', interaction_id = p.interaction_id
    from pushes p
    where p.content->>'kind' = 'media' and p.content->>'documentId' is null
      and (p.content->>'mediaId') ~ '^[0-9a-f-]{36}$' and (p.content->>'mediaId')::uuid = m.id`.execute(db);
  await sql`
    update media_objects m set interaction_id = x.interaction_id
    from (
      select msg.interaction_id, substring(e->>'url' from '/media/([0-9a-f-]{36})$')::uuid as media_id
      from messages msg cross join lateral jsonb_array_elements(case when jsonb_typeof(msg.media) = 'array' then msg.media else '[]'::jsonb end) e
      where msg.interaction_id is not null
    ) x
    where x.media_id = m.id and m.interaction_id is null and m.kind = 'message'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media_objects').dropColumn('kind').dropColumn('interaction_id').dropColumn('uploaded_by').dropColumn('filename').execute();
}
