import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('queues')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('channels', sql`text[]`, (c) =>
      c.notNull().check(sql`cardinality(channels) > 0 and channels <@ array['voice', 'whatsapp', 'email', 'webchat']`),
    )
    .addColumn('required_skills', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`).check(sql`jsonb_typeof(required_skills) = 'object'`))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sla_target_seconds', 'integer', (c) => c.notNull().defaultTo(20).check(sql`sla_target_seconds > 0`))
    .addColumn('offer_timeout_seconds', 'integer', (c) => c.notNull().defaultTo(30).check(sql`offer_timeout_seconds > 0`))
    .addColumn('overflow_queue_id', 'uuid', (c) => c.references('queues.id').onDelete('set null'))
    .addColumn('overflow_after_seconds', 'integer', (c) => c.check(sql`overflow_after_seconds > 0`))
    .addColumn('business_hours', 'jsonb', (c) => c.check(sql`business_hours is null or jsonb_typeof(business_hours) = 'object'`))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('Europe/Madrid'))
    .addColumn('closed_auto_reply', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('queues_overflow_check', sql`(overflow_queue_id is null) = (overflow_after_seconds is null) and overflow_queue_id <> id`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('queues').execute();
}
