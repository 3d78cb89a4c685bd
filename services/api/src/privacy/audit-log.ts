import type { Db } from '@cc/db/database';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import type { Principal } from '../context';

/** Who the audit log names for a principal. */
export function auditActor(principal: Principal): { actorType: 'user' | 'api_key' | 'system'; actorId: string | null } {
  if (principal.kind === 'user') return { actorType: 'user', actorId: principal.userId };
  if (principal.kind === 'apiKey') return { actorType: 'api_key', actorId: principal.keyId };
  return { actorType: 'system', actorId: null };
}

/** What was read: the customer's timeline, a stored file, an export package, a search of the archive, blocked records, a data-protection look-up. */
export type CustomerRead = 'timeline' | 'media' | 'export_download' | 'archive_search' | 'blocked_records' | 'privacy_lookup';

/**
 * Records that someone read a customer's data (`customer.read.<what>`), naming the customer and the
 * thing read by id only — never the data itself. Awaited before the data is returned: a read that
 * cannot be logged fails (the archive search calls this too).
 */
export async function auditCustomerRead(
  db: Db,
  principal: Principal,
  read: { what: CustomerRead; customerId: string | null; subjectType?: string; subjectId?: string; detail?: Record<string, unknown> },
): Promise<void> {
  await recordAuditEvent(db, {
    ...auditActor(principal),
    action: `customer.read.${read.what}`,
    subjectType: read.subjectType ?? 'customer',
    subjectId: read.subjectId ?? read.customerId ?? undefined,
    data: { ...(read.customerId ? { customerId: read.customerId } : {}), ...read.detail },
  });
}

/** A refused sign-in (`user.login_failed`): the account when it exists, the address it came from, why. */
export async function auditFailedLogin(db: Db, attempt: { email: string; userId: string | null; reason: 'unknown_account' | 'wrong_password' | 'disabled' | 'throttled'; clientAddress: string | null }): Promise<void> {
  await recordAuditEvent(db, {
    actorType: 'system',
    actorId: null,
    action: 'user.login_failed',
    subjectType: 'user',
    subjectId: attempt.userId ?? undefined,
    data: { email: attempt.email.trim().toLowerCase(), reason: attempt.reason, clientAddress: attempt.clientAddress },
  });
}
