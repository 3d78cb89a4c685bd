import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Per-queue email acknowledgement; a queue without a row uses EMAIL_AUTO_ACK.
  await db.schema
    .createTable('email_queue_settings')
    .addColumn('queue_id', 'uuid', (c) => c.primaryKey().references('queues.id').onDelete('cascade'))
    .addColumn('auto_ack', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_queue_settings').execute();
}
