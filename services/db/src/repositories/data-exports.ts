import type { Db } from '../database';
import type { DataExport, ExportStatus } from '../tables/data-protection';

export function createDataExport(db: Db, input: { customerId: string; requestedBy: string | null; now: Date }): Promise<DataExport> {
  return db.insertInto('data_exports').values({ customer_id: input.customerId, requested_by: input.requestedBy, created_at: input.now }).returningAll().executeTakeFirstOrThrow();
}

export function getDataExport(db: Db, id: string): Promise<DataExport | undefined> {
  return db.selectFrom('data_exports').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listDataExports(db: Db, customerId: string): Promise<DataExport[]> {
  return db.selectFrom('data_exports').selectAll().where('customer_id', '=', customerId).orderBy('created_at', 'desc').execute();
}

/** Progress of a running export (monotonic: a retried step never moves it back). */
export async function setDataExportProgress(db: Db, id: string, change: { status: ExportStatus; progress: number; step: string }): Promise<void> {
  await db
    .updateTable('data_exports')
    .set((eb) => ({ status: change.status, step: change.step, progress: eb.fn('greatest', [eb.ref('progress'), eb.val(change.progress)]) }))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

export async function finishDataExport(db: Db, id: string, result: { fileName: string; sizeBytes: number; now: Date; expiresAt: Date }): Promise<void> {
  await db
    .updateTable('data_exports')
    .set({ status: 'ready', progress: 100, step: 'ready', file_name: result.fileName, size_bytes: result.sizeBytes, finished_at: result.now, expires_at: result.expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function failDataExport(db: Db, id: string, error: string, now: Date): Promise<void> {
  await db.updateTable('data_exports').set({ status: 'failed', error, finished_at: now }).where('id', '=', id).where('status', '<>', 'ready').execute();
}

/** Ready exports whose link lapsed: their files are removed, the rows stay (audit trail) as expired. */
export function lapsedDataExports(db: Db, now: Date, limit: number): Promise<DataExport[]> {
  return db.selectFrom('data_exports').selectAll().where('status', '=', 'ready').where('expires_at', '<', now).orderBy('expires_at').limit(limit).execute();
}

export async function expireDataExport(db: Db, id: string): Promise<void> {
  await db.updateTable('data_exports').set({ status: 'expired', file_name: null }).where('id', '=', id).execute();
}

/** The customer's exports, for erasure: their files go, and the rows with them. */
export async function deleteCustomerDataExports(db: Db, customerId: string): Promise<DataExport[]> {
  return db.deleteFrom('data_exports').where('customer_id', '=', customerId).returningAll().execute();
}
