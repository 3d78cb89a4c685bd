import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Data protection (issue 20): consent evidence and the audit log enforced append-only by the
// database, erased customers, the blocked store, subject-access exports and retention periods.
export async function up(db: Kysely<any>): Promise<void> {
  // An erased customer stays as a tombstone (no name, no identities) so what the law keeps
  // (consents, blocked records) still points at someone; erasure never deletes the row.
  await db.schema.alterTable('customers').addColumn('erased_at', 'timestamptz').execute();

  // Nothing removes consent evidence by cascade: deleting a customer, message or interaction that
  // a consent names fails instead (erasure blocks the evidence rather than deleting it).
  for (const [column, target] of [['customer_id', 'customers'], ['message_id', 'messages'], ['interaction_id', 'interactions']] as const) {
    await sql`alter table consents drop constraint ${sql.raw(`consents_${column}_fkey`)}`.execute(db);
    await sql`alter table consents add constraint ${sql.raw(`consents_${column}_fkey`)} foreign key (${sql.raw(column)}) references ${sql.raw(target)} (id) on delete restrict`.execute(db);
  }

  // Blocked records (LOPDGDD art. 32): what the law requires to keep after an erasure, encrypted
  // (AES-256-GCM, key derived from the server secret), readable by admins only, until keep_until.
  await db.schema
    .createTable('blocked_records')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('restrict'))
    .addColumn('source_table', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('payload', 'bytea', (c) => c.notNull())
    .addColumn('blocked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('keep_until', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('blocked_records_source_key', ['source_table', 'source_id'])
    .execute();
  await db.schema.createIndex('blocked_records_customer_idx').on('blocked_records').columns(['customer_id', 'blocked_at']).execute();
  await db.schema.createIndex('blocked_records_keep_until_idx').on('blocked_records').column('keep_until').execute();

  // Consents: no UPDATE, no DELETE. The one change allowed is moving a row's evidence, once, into
  // the blocked store: evidence becomes {"blockedRecordId": …} naming a blocked copy of this row,
  // and nothing else changes.
  await sql`
    create function consents_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
        and (new.id, new.customer_id, new.channel, new.purpose, new.granted, new.source, new.recorded_by_user_id, new.message_id, new.interaction_id, new.created_at)
          is not distinct from (old.id, old.customer_id, old.channel, old.purpose, old.granted, old.source, old.recorded_by_user_id, old.message_id, old.interaction_id, old.created_at)
        and not (old.evidence ? 'blockedRecordId')
        and new.evidence = jsonb_build_object('blockedRecordId', new.evidence->>'blockedRecordId')
        and exists (select 1 from blocked_records b where b.id::text = new.evidence->>'blockedRecordId'
                      and b.source_table = 'consents' and b.source_id = old.id::text)
      then
        return new;
      end if;
      raise exception 'consents are append-only: % refused (record a new grant or withdrawal instead)', tg_op
        using errcode = 'integrity_constraint_violation';
    end $$`.execute(db);
  await sql`create trigger consents_append_only before update or delete on consents for each row execute function consents_append_only()`.execute(db);
  await sql`create trigger consents_no_truncate before truncate on consents for each statement execute function consents_append_only()`.execute(db);

  // Retention periods per data class; no row (or null days) = kept until an admin sets one.
  await db.schema
    .createTable('retention_settings')
    .addColumn('data_class', 'text', (c) =>
      c.primaryKey().check(sql`data_class in ('recordings', 'media', 'transcripts', 'cobrowse_logs', 'closed_interactions', 'audit', 'blocked')`),
    )
    .addColumn('days', 'integer', (c) => c.check(sql`days is null or days between 1 and 36500`))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Audit entries are kept at least a year whatever is set (the log must outlive the questions about it).
  await sql`alter table retention_settings add constraint retention_settings_audit_min check (data_class <> 'audit' or days is null or days >= 365)`.execute(db);

  // Audit log: no UPDATE; DELETE only of entries older than the audit retention period (the purge).
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and exists (
        select 1 from retention_settings r
        where r.data_class = 'audit' and r.days is not null and old.created_at < now() - make_interval(days => r.days)
      ) then
        return old;
      end if;
      raise exception 'the audit log is append-only: % refused', tg_op using errcode = 'integrity_constraint_violation';
    end $$`.execute(db);
  await sql`create trigger audit_events_append_only before update or delete on audit_events for each row execute function audit_events_append_only()`.execute(db);
  await sql`create trigger audit_events_no_truncate before truncate on audit_events for each statement execute function audit_events_append_only()`.execute(db);
  await db.schema.createIndex('audit_events_created_idx').on('audit_events').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('audit_events_action_idx').on('audit_events').columns(['action', 'created_at']).execute();
  await db.schema.createIndex('audit_events_actor_idx').on('audit_events').columns(['actor_id', 'created_at']).execute();

  // Subject access exports: one package per request, built by a workflow, downloadable until expires_at.
  await db.schema
    .createTable('data_exports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('restrict'))
    .addColumn('requested_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status in ('queued', 'running', 'ready', 'failed', 'expired')`))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0).check(sql`progress between 0 and 100`))
    .addColumn('step', 'text')
    .addColumn('file_name', 'text')
    .addColumn('size_bytes', 'bigint')
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('data_exports_customer_idx').on('data_exports').columns(['customer_id', 'created_at']).execute();

  // One row per purge run (scheduled or manual, dry or real): what it counted and removed, per class.
  await db.schema
    .createTable('retention_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('dry_run', 'boolean', (c) => c.notNull())
    .addColumn('as_of', 'timestamptz', (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('retention_runs').execute();
  await db.schema.dropTable('data_exports').execute();
  await sql`drop trigger audit_events_no_truncate on audit_events`.execute(db);
  await sql`drop trigger audit_events_append_only on audit_events`.execute(db);
  await sql`drop function audit_events_append_only()`.execute(db);
  for (const index of ['audit_events_created_idx', 'audit_events_action_idx', 'audit_events_actor_idx']) await db.schema.dropIndex(index).execute();
  await db.schema.dropTable('retention_settings').execute();
  await sql`drop trigger consents_no_truncate on consents`.execute(db);
  await sql`drop trigger consents_append_only on consents`.execute(db);
  await sql`drop function consents_append_only()`.execute(db);
  await db.schema.dropTable('blocked_records').execute();
  for (const [column, target, rule] of [['customer_id', 'customers', 'cascade'], ['message_id', 'messages', 'set null'], ['interaction_id', 'interactions', 'set null']] as const) {
    await sql`alter table consents drop constraint ${sql.raw(`consents_${column}_fkey`)}`.execute(db);
    await sql`alter table consents add constraint ${sql.raw(`consents_${column}_fkey`)} foreign key (${sql.raw(column)}) references ${sql.raw(target)} (id) on delete ${sql.raw(rule)}`.execute(db);
  }
  await db.schema.alterTable('customers').dropColumn('erased_at').execute();
}
