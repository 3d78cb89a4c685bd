import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // One interaction per inbound call: a re-delivered voice webhook finds it instead of queueing the
  // caller twice. Transfers copy the context, so only the call's first interaction is unique.
  await db.schema
    .createIndex('interactions_call_sid_key')
    .on('interactions')
    .expression(sql`(context->>'callSid')`)
    .unique()
    .where(sql<boolean>`channel = 'voice' and transferred_from_id is null and context ? 'callSid'`)
    .execute();
  await db.schema
    .createIndex('interactions_call_sid_idx')
    .on('interactions')
    .expression(sql`(context->>'callSid'), created_at`)
    .where(sql<boolean>`channel = 'voice'`)
    .execute();
  // Where an agent takes calls: the browser softphone (Voice JS SDK) or a phone number.
  await db.schema
    .createTable('agent_voice_endpoints')
    .addColumn('agent_id', 'uuid', (c) => c.primaryKey().references('agents.user_id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('softphone', 'phone')`))
    .addColumn('phone_number', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('agent_voice_endpoints_phone_check', sql`(kind = 'phone') = (phone_number is not null)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agent_voice_endpoints').execute();
  await db.schema.dropIndex('interactions_call_sid_idx').execute();
  await db.schema.dropIndex('interactions_call_sid_key').execute();
}
