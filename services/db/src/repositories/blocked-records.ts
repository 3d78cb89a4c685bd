import type { Db } from '../database';
import type { BlockedRecord } from '../tables/data-protection';

export interface NewBlockedRecord {
  customerId: string;
  sourceTable: string;
  sourceId: string;
  legalBasis: string;
  payload: Buffer;
  keepUntil: Date;
  now: Date;
}

/** Stores one blocked record; a second block of the same source row returns the first (erasure re-run). */
export async function addBlockedRecord(db: Db, record: NewBlockedRecord): Promise<BlockedRecord> {
  const inserted = await db
    .insertInto('blocked_records')
    .values({ customer_id: record.customerId, source_table: record.sourceTable, source_id: record.sourceId, legal_basis: record.legalBasis, payload: record.payload, keep_until: record.keepUntil, blocked_at: record.now })
    .onConflict((oc) => oc.columns(['source_table', 'source_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return inserted ?? db.selectFrom('blocked_records').selectAll().where('source_table', '=', record.sourceTable).where('source_id', '=', record.sourceId).executeTakeFirstOrThrow();
}

export function listBlockedRecords(db: Db, customerId: string): Promise<BlockedRecord[]> {
  return db.selectFrom('blocked_records').selectAll().where('customer_id', '=', customerId).orderBy('blocked_at').orderBy('source_table').orderBy('source_id').execute();
}

/** Blocked records whose keeping period ended before `now`, oldest first (the retention purge). */
export async function deleteLapsedBlockedRecords(db: Db, now: Date, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('blocked_records')
    .where('id', 'in', db.selectFrom('blocked_records').select('id').where('keep_until', '<', now).orderBy('keep_until').limit(limit))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
