import { listBlockedRecords } from '@cc/db/repositories/blocked-records';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import { inTransaction } from '@cc/db/repositories/transaction';
import type { Principal } from '../context';
import { mayReadBlockedRecords } from '../authorization/policy';
import { auditActor } from './audit-log';
import type { PrivacyDeps } from './deps';

export interface OpenedBlockedRecord {
  id: string;
  sourceTable: string;
  sourceId: string;
  legalBasis: string;
  blockedAt: Date;
  keepUntil: Date;
  content: unknown;
}

/** Refused: blocked records are for administrators, with a stated reason. */
export class BlockedRecordsForbiddenError extends Error {
  constructor() {
    super('Blocked records are readable by administrators only.');
  }
}

/**
 * An administrator opens a customer's blocked records (a court's or authority's request, a claim):
 * the reason is recorded in the audit log before anything is returned.
 */
export async function openBlockedRecords(deps: Pick<PrivacyDeps, 'db' | 'sealer'>, principal: Principal, input: { customerId: string; reason: string }): Promise<OpenedBlockedRecord[]> {
  if (!mayReadBlockedRecords(principal)) throw new BlockedRecordsForbiddenError();
  return inTransaction(deps.db, async (trx) => {
    const records = await listBlockedRecords(trx, input.customerId);
    await recordAuditEvent(trx, { ...auditActor(principal), action: 'customer.read.blocked_records', subjectType: 'customer', subjectId: input.customerId, data: { customerId: input.customerId, reason: input.reason, records: records.length } });
    return records.map((r) => ({ id: r.id, sourceTable: r.source_table, sourceId: r.source_id, legalBasis: r.legal_basis, blockedAt: r.blocked_at, keepUntil: r.keep_until, content: deps.sealer.open(r.payload) }));
  });
}
