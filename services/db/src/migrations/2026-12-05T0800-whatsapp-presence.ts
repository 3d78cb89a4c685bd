import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // The WhatsApp sender's public profile as Twilio last returned it: the widget and automatic
  // replies read it here instead of calling the Senders API on every page view.
  await db.schema
    .createTable('whatsapp_sender_profiles')
    .addColumn('sender_sid', 'text', (c) => c.primaryKey())
    .addColumn('sender_id', 'text')
    .addColumn('status', 'text')
    .addColumn('profile', 'jsonb', (c) => c.notNull())
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  // Per queue: the automatic WhatsApp replies (texts per language) and their limits.
  await db.schema
    .createTable('whatsapp_auto_replies')
    .addColumn('queue_id', 'uuid', (c) => c.primaryKey().references('queues.id').onDelete('cascade'))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('texts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('busy_threshold_seconds', 'integer', (c) => c.notNull().defaultTo(300))
    .addColumn('min_interval_minutes', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('whatsapp_keyword_answers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('queue_id', 'uuid', (c) => c.notNull().references('queues.id').onDelete('cascade'))
    .addColumn('match', 'text', (c) => c.notNull().check(sql`match in ('word', 'pattern')`))
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.check(sql`language in ('es', 'en')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('media_url', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('whatsapp_keyword_answers_queue_idx').on('whatsapp_keyword_answers').columns(['queue_id', 'position']).execute();

  // The short reference a click-to-WhatsApp prefill carries, so the first message finds its queue.
  // Existing queues get one from the default as the column is added.
  await db.schema
    .alterTable('queues')
    .addColumn('whatsapp_ref', 'text', (c) => c.notNull().defaultTo(sql`upper(substr(md5(gen_random_uuid()::text), 1, 6))`))
    .execute();
  await db.schema.createIndex('queues_whatsapp_ref_key').on('queues').column('whatsapp_ref').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('queues').dropColumn('whatsapp_ref').execute();
  await db.schema.dropTable('whatsapp_keyword_answers').execute();
  await db.schema.dropTable('whatsapp_auto_replies').execute();
  await db.schema.dropTable('whatsapp_sender_profiles').execute();
}
