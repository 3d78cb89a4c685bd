import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Transactional outbox: a workflow start (or signal-with-start) written in the transaction that
  // created its interaction, relayed to Temporal after commit; a row outlives a crashed process.
  await db.schema
    .createTable('workflow_starts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('workflow_type', 'text', (c) => c.notNull())
    .addColumn('args', 'jsonb', (c) => c.notNull())
    .addColumn('signal_name', 'text')
    .addColumn('signal_args', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Set while a relay is starting it; a row whose claim lapsed is taken again.
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('workflow_starts_workflow_id_idx').on('workflow_starts').column('workflow_id').execute();
  await db.schema.createIndex('workflow_starts_claimed_until_idx').on('workflow_starts').columns(['claimed_until', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('workflow_starts').execute();
}
