import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Why the system (not the agent) changed a presence: 'missed_offers' when routing set an agent
  // away after offers expired unanswered. Null for every change the agent or a supervisor made.
  for (const table of ['agent_presence', 'agent_presence_periods']) {
    await db.schema
      .alterTable(table)
      .addColumn('reason', 'text', (c) => c.check(sql`reason in ('missed_offers')`))
      .execute();
  }
  // The agent's recent offers, newest first: counting a streak of missed offers.
  await db.schema.createIndex('offers_agent_created_idx').on('offers').columns(['agent_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('offers_agent_created_idx').execute();
  for (const table of ['agent_presence', 'agent_presence_periods']) await db.schema.alterTable(table).dropColumn('reason').execute();
}
