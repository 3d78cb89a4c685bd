import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('interactions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('voice', 'whatsapp', 'email', 'webchat')`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('queue_id', 'uuid', (c) => c.notNull().references('queues.id'))
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('queued', 'offered', 'assigned', 'wrap_up', 'closed', 'abandoned', 'transferred')`),
    )
    .addColumn('assigned_agent_id', 'uuid', (c) => c.references('agents.user_id'))
    .addColumn('transferred_from_id', 'uuid', (c) => c.references('interactions.id'))
    .addColumn('subject', 'text')
    .addColumn('context', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('enqueued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('offered_at', 'timestamptz')
    .addColumn('assigned_at', 'timestamptz')
    .addColumn('wrap_up_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('abandoned_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Held statuses always name their agent, and an assignment is never undone.
    .addCheckConstraint(
      'interactions_assignment_check',
      sql`(status not in ('assigned', 'wrap_up') or assigned_agent_id is not null)
        and ((assigned_agent_id is null) = (assigned_at is null))`,
    )
    .execute();
  // The waiting line: what matching scans, highest priority then oldest first.
  await db.schema
    .createIndex('interactions_waiting_idx')
    .on('interactions')
    .expression(sql`queue_id, priority desc, enqueued_at, id`)
    .where(sql.ref('status'), '=', 'queued')
    .execute();
  // An agent's load, counted under the presence lock on every offer.
  await db.schema
    .createIndex('interactions_held_by_agent_idx')
    .on('interactions')
    .columns(['assigned_agent_id', 'channel'])
    .where(sql.ref('status'), 'in', ['assigned', 'wrap_up'])
    .execute();
  await db.schema.createIndex('interactions_customer_idx').on('interactions').columns(['customer_id', 'created_at']).execute();
  await db.schema.createIndex('interactions_queue_enqueued_idx').on('interactions').columns(['queue_id', 'enqueued_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('interactions').execute();
}
