import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agents')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('skills', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`).check(sql`jsonb_typeof(skills) = 'object'`))
    .addColumn('capacity', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`).check(sql`jsonb_typeof(capacity) = 'object'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('agent_queues')
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('agents.user_id').onDelete('cascade'))
    .addColumn('queue_id', 'uuid', (c) => c.notNull().references('queues.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('agent_queues_pkey', ['agent_id', 'queue_id'])
    .execute();
  await db.schema.createIndex('agent_queues_queue_id_idx').on('agent_queues').column('queue_id').execute();
  await db.schema
    .createTable('agent_presence')
    .addColumn('agent_id', 'uuid', (c) => c.primaryKey().references('agents.user_id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('available', 'busy', 'away', 'offline')`))
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('idle_since', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agent_presence').execute();
  await db.schema.dropTable('agent_queues').execute();
  await db.schema.dropTable('agents').execute();
}
