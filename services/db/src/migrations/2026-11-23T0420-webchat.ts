import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // A website with the chat widget: its queue, the origins allowed to embed it, proactive rules.
  await db.schema
    .createTable('webchat_sites')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('queue_id', 'uuid', (c) => c.notNull().references('queues.id'))
    .addColumn('allowed_origins', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('triggers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('proactive_cooldown_seconds', 'integer', (c) => c.notNull().defaultTo(3600).check(sql`proactive_cooldown_seconds >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One browser on one site: visits (for repeat-visit rules) and when it was last approached.
  await db.schema
    .createTable('webchat_visitors')
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('webchat_sites.id').onDelete('cascade'))
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .addColumn('visits', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_proactive_at', 'timestamptz')
    .addPrimaryKeyConstraint('webchat_visitors_pkey', ['site_id', 'visitor_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webchat_visitors').execute();
  await db.schema.dropTable('webchat_sites').execute();
}
