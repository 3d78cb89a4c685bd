import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Presence history for occupancy: one row per stretch of one status; the open one has no end.
  await db.schema
    .createTable('agent_presence_periods')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('agents.user_id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('available', 'busy', 'away', 'offline')`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addCheckConstraint('agent_presence_periods_order', sql`ended_at is null or ended_at >= started_at`)
    .execute();
  await db.schema.createIndex('agent_presence_periods_agent_idx').on('agent_presence_periods').columns(['agent_id', 'started_at']).execute();
  // At most one open period per agent.
  await sql`create unique index agent_presence_periods_open_idx on agent_presence_periods (agent_id) where ended_at is null`.execute(db);
  // Today's presence becomes the first open period, so history starts now rather than at the next change.
  await sql`insert into agent_presence_periods (agent_id, status, started_at) select agent_id, status, since from agent_presence`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agent_presence_periods').execute();
}
