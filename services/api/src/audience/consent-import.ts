import { recordAuditEvent } from '@cc/db/repositories/audit';
import { recordImportedConsents, type ConsentImportOutcome } from '@cc/db/repositories/consent-import';
import { inTransaction } from '@cc/db/repositories/transaction';
import type { ApiServices } from '../context';
import { parseConsentCsv, type RejectedLine } from './consent-csv';

export interface ConsentImportReport extends ConsentImportOutcome {
  /** Lines that passed validation (recorded, or already recorded, unless a dry run). */
  accepted: number;
  rejected: RejectedLine[];
  dryRun: boolean;
}

/**
 * A supervisor imports WhatsApp consents collected elsewhere (web forms, paper, another CRM) with
 * their evidence. Rejected lines are reported, never recorded; the accepted ones are recorded
 * together or not at all (one transaction, audited). A dry run validates only.
 */
export async function importConsents(
  deps: Pick<ApiServices, 'db' | 'clock'>,
  request: { userId: string; csv: string; fileName: string | null; dryRun: boolean },
): Promise<ConsentImportReport> {
  const now = deps.clock();
  const { accepted, rejected } = parseConsentCsv(request.csv, now);
  const base = { accepted: accepted.length, rejected, dryRun: request.dryRun };
  if (request.dryRun || accepted.length === 0) return { ...base, recorded: 0, alreadyRecorded: [], customersCreated: 0 };
  const outcome = await inTransaction(deps.db, async (trx) => {
    const result = await recordImportedConsents(trx, accepted, { userId: request.userId, fileName: request.fileName }, now);
    await recordAuditEvent(trx, {
      actorType: 'user',
      actorId: request.userId,
      action: 'consents.imported',
      data: { fileName: request.fileName, recorded: result.recorded, alreadyRecorded: result.alreadyRecorded.length, customersCreated: result.customersCreated, rejected: rejected.length },
    });
    return result;
  });
  return { ...base, ...outcome };
}
