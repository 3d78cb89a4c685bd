import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('offers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('interaction_id', 'uuid', (c) => c.notNull().references('interactions.id').onDelete('cascade'))
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('agents.user_id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('accepted', 'declined', 'expired', 'cancelled')`))
    .addColumn('decided_at', 'timestamptz')
    .addCheckConstraint('offers_decided_check', sql`(outcome is null) = (decided_at is null) and expires_at > created_at`)
    .execute();
  // The last line of defence: never two open offers for one interaction, whatever the code does.
  await db.schema
    .createIndex('offers_one_open_per_interaction_idx')
    .on('offers')
    .column('interaction_id')
    .unique()
    .where(sql.ref('outcome'), 'is', null)
    .execute();
  // And never two accepted ones: an interaction is assigned at most once.
  await db.schema
    .createIndex('offers_one_accepted_per_interaction_idx')
    .on('offers')
    .column('interaction_id')
    .unique()
    .where(sql.ref('outcome'), '=', 'accepted')
    .execute();
  await db.schema.createIndex('offers_open_by_agent_idx').on('offers').column('agent_id').where(sql.ref('outcome'), 'is', null).execute();
  await db.schema.createIndex('offers_interaction_agent_idx').on('offers').columns(['interaction_id', 'agent_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('offers').execute();
}
