import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// The outbound webhook log (events, deliveries, attempts with the receivers' answers) gets a
// retention class of its own instead of growing forever.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table retention_settings drop constraint retention_settings_data_class_check`.execute(db);
  await sql`
    alter table retention_settings add constraint retention_settings_data_class_check
    check (data_class in ('recordings', 'media', 'transcripts', 'cobrowse_logs', 'closed_interactions', 'audit', 'blocked', 'webhook_logs'))
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('retention_settings').where('data_class', '=', 'webhook_logs').execute();
  await sql`alter table retention_settings drop constraint retention_settings_data_class_check`.execute(db);
  await sql`
    alter table retention_settings add constraint retention_settings_data_class_check
    check (data_class in ('recordings', 'media', 'transcripts', 'cobrowse_logs', 'closed_interactions', 'audit', 'blocked'))
  `.execute(db);
}
