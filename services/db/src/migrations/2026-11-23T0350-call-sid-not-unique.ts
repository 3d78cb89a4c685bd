import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Integrators may enqueue voice interactions with any context (a CTI's own call ids), so the
  // context cannot carry uniqueness. The voice webhook claims each Twilio CallSid here instead.
  await db.schema.dropIndex('interactions_call_sid_key').execute();
  await db.schema
    .createTable('inbound_calls')
    .addColumn('call_sid', 'text', (c) => c.primaryKey())
    // Null while the first delivery is still creating it.
    .addColumn('interaction_id', 'uuid', (c) => c.references('interactions.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbound_calls').execute();
  await db.schema
    .createIndex('interactions_call_sid_key')
    .on('interactions')
    .expression(sql`(context->>'callSid')`)
    .unique()
    .where(sql<boolean>`channel = 'voice' and transferred_from_id is null and context ? 'callSid'`)
    .execute();
}
