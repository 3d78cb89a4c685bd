import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Append-only: every grant and withdrawal is a row with its evidence; the newest row per
  // (customer, channel, purpose) is the current state.
  await db.schema
    .createTable('consents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('voice', 'whatsapp', 'email', 'webchat')`))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('granted', 'boolean', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('recorded_by_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('message_id', 'uuid', (c) => c.references('messages.id').onDelete('set null'))
    .addColumn('interaction_id', 'uuid', (c) => c.references('interactions.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('consents_customer_idx').on('consents').columns(['customer_id', 'channel', 'purpose', 'created_at']).execute();
  // A re-delivered opt-out message records one withdrawal.
  await db.schema.createIndex('consents_message_key').on('consents').columns(['message_id', 'purpose']).unique().where(sql.ref('message_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consents').execute();
}
