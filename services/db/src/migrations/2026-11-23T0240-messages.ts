import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('interaction_id', 'uuid', (c) => c.references('interactions.id'))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('voice', 'whatsapp', 'email', 'webchat')`))
    .addColumn('agent_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text')
    .addColumn('media', 'jsonb')
    .addColumn('location', 'jsonb')
    .addColumn('provider', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('delivery_status', 'text', (c) =>
      c.check(
        sql`delivery_status in ('received', 'accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'read', 'undelivered', 'failed', 'canceled')`,
      ),
    )
    .addColumn('error_code', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Webhooks are retried: the provider's id makes a second delivery a no-op.
    .addUniqueConstraint('messages_provider_message_id_key', ['provider', 'provider_message_id'])
    .addCheckConstraint('messages_provider_check', sql`provider_message_id is null or provider is not null`)
    .execute();
  await db.schema.createIndex('messages_interaction_idx').on('messages').columns(['interaction_id', 'created_at']).execute();
  await db.schema.createIndex('messages_customer_idx').on('messages').columns(['customer_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('messages').execute();
}
