import { sql } from 'kysely';
import type { Db } from '../database';

/** The queue's acknowledgement text: its own setting (null = none), or `fallback` when it has none. */
export async function emailAutoAck(db: Db, queueId: string, fallback: string | null): Promise<string | null> {
  const row = await db.selectFrom('email_queue_settings').select('auto_ack').where('queue_id', '=', queueId).executeTakeFirst();
  return row ? row.auto_ack : fallback;
}

export async function setEmailAutoAck(db: Db, queueId: string, text: string | null): Promise<void> {
  await db
    .insertInto('email_queue_settings')
    .values({ queue_id: queueId, auto_ack: text })
    .onConflict((oc) => oc.column('queue_id').doUpdateSet({ auto_ack: text, updated_at: sql`now()` }))
    .execute();
}

/** Back to the EMAIL_AUTO_ACK default. */
export async function clearEmailAutoAck(db: Db, queueId: string): Promise<void> {
  await db.deleteFrom('email_queue_settings').where('queue_id', '=', queueId).execute();
}
