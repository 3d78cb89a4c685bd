import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Co-browse events are not kept unless a site asks: then packed, for quality review, this many days.
  await db.schema
    .alterTable('webchat_sites')
    .addColumn('cobrowse_retention_days', 'integer', (c) => c.notNull().defaultTo(0).check(sql`cobrowse_retention_days between 0 and 365`))
    .execute();
  // One co-browse session: a customer's page shared with the agent on their call.
  await db.schema
    .createTable('cobrowse_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('webchat_sites.id').onDelete('cascade'))
    // Null while a shared page waits for an agent to type its code.
    .addColumn('interaction_id', 'uuid', (c) => c.references('interactions.id').onDelete('cascade'))
    .addColumn('agent_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('waiting', 'invited', 'pending_consent', 'active', 'ended')`))
    .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('code', 'invite')`))
    .addColumn('code', 'text')
    .addColumn('code_expires_at', 'timestamptz')
    .addColumn('invite_token_hash', 'text', (c) => c.unique())
    .addColumn('invite_expires_at', 'timestamptz')
    .addColumn('push_id', 'uuid', (c) => c.references('pushes.id'))
    .addColumn('current_url', 'text')
    .addColumn('pages_visited', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_received', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('consent_evidence', 'jsonb')
    .addColumn('consented_at', 'timestamptz')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ended_at', 'timestamptz')
    .addColumn('end_reason', 'text', (c) => c.check(sql`end_reason in ('customer_stopped', 'agent_ended', 'call_ended', 'expired', 'limit_exceeded')`))
    .execute();
  // A code names one waiting share at a time.
  await sql`create unique index cobrowse_sessions_code_idx on cobrowse_sessions (code) where code is not null`.execute(db);
  await sql`create index cobrowse_sessions_open_idx on cobrowse_sessions (interaction_id) where status <> 'ended'`.execute(db);
  await db.schema.createIndex('cobrowse_sessions_started_idx').on('cobrowse_sessions').column('started_at').execute();
  // Packed events (@rrweb/packer: deflated, a binary string each, kept as bytes) of sites that keep
  // them; purged after keep_until (the privacy job's).
  await db.schema
    .createTable('cobrowse_recordings')
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('cobrowse_sessions.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('packed', sql`bytea[]`, (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('keep_until', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('cobrowse_recordings_pkey', ['session_id', 'seq'])
    .execute();
  await db.schema.createIndex('cobrowse_recordings_keep_until_idx').on('cobrowse_recordings').column('keep_until').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cobrowse_recordings').execute();
  await db.schema.dropTable('cobrowse_sessions').execute();
  await db.schema.alterTable('webchat_sites').dropColumn('cobrowse_retention_days').execute();
}
