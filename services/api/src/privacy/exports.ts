import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CountryCode } from 'libphonenumber-js';
import { normalizePhone } from '@cc/core/phone';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import { createDataExport, getDataExport } from '@cc/db/repositories/data-exports';
import { customerErasedAt, findCustomerForPrivacy } from '@cc/db/repositories/privacy';
import { inTransaction } from '@cc/db/repositories/transaction';
import { addWorkflowStart } from '@cc/db/repositories/workflow-starts';
import type { DataExport } from '@cc/db/tables/data-protection';
import type { Customer } from '@cc/db/tables/customers';
import { logger } from '@cc/core/logger';
import type { Principal } from '../context';
import { replyText } from '../webhooks/http';
import { auditActor } from './audit-log';
import { exportLinkTtlSeconds, type PrivacyDeps } from './deps';
import { CustomerAlreadyErasedError, PrivacyCustomerNotFoundError } from './errors';

/** The path of an export's download, `/exports/<uuid>` (signed like media links). */
export const exportPathPattern = /^\/exports\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Finds the customer a request is about: by id, or by a phone number (any format) or email address they wrote from. */
export async function findPrivacyCustomer(deps: Pick<PrivacyDeps, 'db'>, lookup: { customerId?: string | null; phone?: string | null; email?: string | null }, region: CountryCode): Promise<Customer> {
  const values: string[] = [];
  if (lookup.phone) {
    try {
      values.push(normalizePhone(lookup.phone, region));
    } catch {
      throw new PrivacyCustomerNotFoundError();
    }
  }
  if (lookup.email) values.push(lookup.email.trim().toLowerCase());
  const customer = await findCustomerForPrivacy(deps.db, { id: lookup.customerId ?? undefined, identityValues: values });
  if (!customer) throw new PrivacyCustomerNotFoundError();
  return customer;
}

/**
 * An admin asks for a customer's subject-access package: the export row, its audit entry and the
 * workflow that builds it (outbox) commit together; the workflow keeps the package 48 h.
 */
export async function startDataExport(deps: PrivacyDeps, principal: Principal, customerId: string): Promise<DataExport> {
  if (await customerErasedAt(deps.db, customerId)) throw new CustomerAlreadyErasedError();
  const now = deps.clock();
  const { exp, startId } = await inTransaction(deps.db, async (trx) => {
    const exp = await createDataExport(trx, { customerId, requestedBy: principal.kind === 'user' ? principal.userId : null, now });
    const start = await addWorkflowStart(trx, { workflowId: `data-export-${exp.id}`, workflowType: 'dataExportWorkflow', args: [{ exportId: exp.id, keepMs: exportLinkTtlSeconds * 1000 }] });
    await recordAuditEvent(trx, { ...auditActor(principal), action: 'customer.export_requested', subjectType: 'customer', subjectId: customerId, data: { exportId: exp.id } });
    return { exp, startId: start.id };
  });
  deps.relay.wake([startId]);
  return exp;
}

/** The signed download path of a ready export (valid until it expires), or null. */
export function exportDownloadPath(deps: Pick<PrivacyDeps, 'exportLinks'>, exp: DataExport, now: Date): string | null {
  if (exp.status !== 'ready' || !exp.expires_at || exp.expires_at <= now) return null;
  return deps.exportLinks.signedPath(exp.id, Math.floor((exp.expires_at.getTime() - now.getTime()) / 1000), now);
}

/**
 * GET /exports/<id>?exp=&sig=: the package, for whoever holds the signed link (the admin hands it to
 * the customer); each download is audited with the address it came from.
 */
export async function handleExportDownload(deps: PrivacyDeps, req: IncomingMessage, res: ServerResponse, path: string, clientAddress: string | null): Promise<void> {
  const id = exportPathPattern.exec(path)?.[1];
  if (!id) return replyText(res, 404, 'no such export');
  if (req.method !== 'GET') return replyText(res, 405, 'exports are read with GET', { allow: 'GET' });
  try {
    const query = new URL(req.url ?? '/', 'http://exports.invalid').searchParams;
    const verdict = deps.exportLinks.verify(id, query.get('exp'), query.get('sig'), deps.clock());
    if (verdict !== 'valid') return replyText(res, 403, 'this export link is invalid or has expired');
    const exp = await getDataExport(deps.db, id);
    if (!exp?.file_name || exp.status !== 'ready') return replyText(res, 404, 'this export is not available (expired or erased)');
    const file = join(deps.exportsDir, exp.file_name);
    const size = (await stat(file)).size;
    await recordAuditEvent(deps.db, { actorType: 'system', actorId: null, action: 'customer.read.export_download', subjectType: 'customer', subjectId: exp.customer_id, data: { exportId: id, customerId: exp.customer_id, clientAddress } });
    res.writeHead(200, {
      'content-type': 'application/zip',
      'content-length': String(size),
      'content-disposition': `attachment; filename="${exp.file_name}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    createReadStream(file).pipe(res);
  } catch (e) {
    logger({ component: 'exports' }).error({ err: e, exportId: id }, 'export download failed');
    if (!res.headersSent) replyText(res, 500, 'the export could not be read');
    else res.destroy();
  }
}
