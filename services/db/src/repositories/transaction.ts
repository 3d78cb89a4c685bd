import type { Db } from '../database';

/**
 * Runs `fn` in a transaction, or inside the caller's when `db` already is one (Kysely cannot
 * nest), so repository functions compose into a larger unit of work.
 */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

export type Refusal<R extends string> = { ok: false; reason: R };
