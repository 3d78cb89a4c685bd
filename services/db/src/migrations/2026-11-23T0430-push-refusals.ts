import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Refused pushes, for the push figures (refusals by reason); nothing else is stored for them.
  await db.schema
    .createTable('push_refusals')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('interaction_id', 'uuid', (c) => c.references('interactions.id').onDelete('cascade'))
    .addColumn('agent_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('push_refusals_created_idx').on('push_refusals').columns(['created_at', 'reason']).execute();
  await db.schema.createIndex('pushes_created_idx').on('pushes').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('pushes_created_idx').execute();
  await db.schema.dropTable('push_refusals').execute();
}
