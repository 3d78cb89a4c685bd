import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Attributes integrators and supervisors set, and segments filter on.
  await db.schema
    .alterTable('customers')
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('language', 'text')
    .addColumn('country', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  // Segment filters: tags && / @> and fields @> use GIN; language and country are equality lists.
  await db.schema.createIndex('customers_tags_idx').on('customers').using('gin').column('tags').execute();
  await sql`create index customers_fields_idx on customers using gin (fields jsonb_path_ops)`.execute(db);
  await db.schema.createIndex('customers_language_idx').on('customers').column('language').where(sql.ref('language'), 'is not', null).execute();
  await db.schema.createIndex('customers_country_idx').on('customers').column('country').where(sql.ref('country'), 'is not', null).execute();
  // Consent per customer uses consents_customer_idx (customer, channel, purpose, created_at): one or two rows each.
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('tags').dropColumn('language').dropColumn('country').dropColumn('time_zone').dropColumn('fields').execute();
}
