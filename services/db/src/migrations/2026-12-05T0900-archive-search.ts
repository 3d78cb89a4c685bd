import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // The archive searches every conversation in Spanish and English, accents ignored: two text search
  // configurations that unaccent each word before stemming it (so "facturación" and "facturacion"
  // give the same lexeme), and immutable wrappers an expression index can use. A message's language
  // is unknown, so a document holds both languages' lexemes and a query asks for either.
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create text search configuration archive_es (copy = pg_catalog.spanish)`.execute(db);
  await sql`alter text search configuration archive_es alter mapping for hword, hword_part, word with unaccent, spanish_stem`.execute(db);
  await sql`create text search configuration archive_en (copy = pg_catalog.english)`.execute(db);
  await sql`alter text search configuration archive_en alter mapping for hword, hword_part, word with unaccent, english_stem`.execute(db);
  // Configurations named by regconfig constants: the functions do not depend on the search_path.
  await sql`
    create function archive_document(body text) returns tsvector
    language sql immutable parallel safe
    return to_tsvector('archive_es'::regconfig, coalesce(body, '')) || to_tsvector('archive_en'::regconfig, coalesce(body, ''))
  `.execute(db);
  await sql`
    create function archive_query(q text) returns tsquery
    language sql immutable parallel safe
    return websearch_to_tsquery('archive_es'::regconfig, q) || websearch_to_tsquery('archive_en'::regconfig, q)
  `.execute(db);
  // One GIN index per source: message bodies (WhatsApp, SMS, email, web chat) and agents' notes.
  await sql`create index messages_archive_idx on messages using gin (archive_document(body)) where body is not null`.execute(db);
  await sql`create index interaction_notes_archive_idx on interaction_events using gin (archive_document(data->>'text')) where type = 'note'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists interaction_notes_archive_idx`.execute(db);
  await sql`drop index if exists messages_archive_idx`.execute(db);
  await sql`drop function if exists archive_query(text)`.execute(db);
  await sql`drop function if exists archive_document(text)`.execute(db);
  await sql`drop text search configuration if exists archive_en`.execute(db);
  await sql`drop text search configuration if exists archive_es`.execute(db);
}
