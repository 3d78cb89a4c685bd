import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
//
// The archive's documents stored beside what they index. With only expression indexes, a search
// for a common word had to fetch every match through the GIN index and sort them all (a tenth of a
// million-message table) to show the newest 25, because checking the words of a row met while
// walking by date meant rebuilding its document (two dictionaries, unaccent) row by row. A stored
// tsvector makes that check cheap, so the planner can walk the newest rows first and stop at the
// page for a common word, and still take the GIN index for a rare one; ANALYZE keeps per-word
// statistics on the column for that choice. Generated columns follow body edits and scrubbing.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table messages add column search_document tsvector generated always as (archive_document(body)) stored`.execute(db);
  await sql`drop index if exists messages_archive_idx`.execute(db);
  await sql`create index messages_search_document_idx on messages using gin (search_document) where body is not null`.execute(db);
  await sql`create index messages_created_idx on messages (created_at)`.execute(db);

  await sql`alter table interaction_events add column note_document tsvector generated always as (case when type = 'note' then archive_document(data->>'text') end) stored`.execute(db);
  await sql`drop index if exists interaction_notes_archive_idx`.execute(db);
  await sql`create index interaction_notes_document_idx on interaction_events using gin (note_document) where type = 'note'`.execute(db);
  await sql`create index interaction_notes_created_idx on interaction_events (created_at) where type = 'note'`.execute(db);

  // An agent's archive is the interactions they held, were offered or handed on: each part found by
  // an index (offers already have one by agent), instead of a pass over every interaction.
  await sql`create index interactions_assigned_agent_idx on interactions (assigned_agent_id) where assigned_agent_id is not null`.execute(db);
  await sql`create index interactions_transferred_from_idx on interactions (transferred_from_id) where transferred_from_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists interactions_transferred_from_idx`.execute(db);
  await sql`drop index if exists interactions_assigned_agent_idx`.execute(db);
  await sql`drop index if exists interaction_notes_created_idx`.execute(db);
  await sql`drop index if exists interaction_notes_document_idx`.execute(db);
  await sql`alter table interaction_events drop column note_document`.execute(db);
  await sql`create index interaction_notes_archive_idx on interaction_events using gin (archive_document(data->>'text')) where type = 'note'`.execute(db);
  await sql`drop index if exists messages_created_idx`.execute(db);
  await sql`drop index if exists messages_search_document_idx`.execute(db);
  await sql`alter table messages drop column search_document`.execute(db);
  await sql`create index messages_archive_idx on messages using gin (archive_document(body)) where body is not null`.execute(db);
}
