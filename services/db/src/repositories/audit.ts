import type { Db } from '../database';
import type { ActorType, AuditEvent } from '../tables/audit-events';

export interface AuditEntry {
  actorType: ActorType;
  actorId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
}

/** Appends to the audit log; pass the transaction that made the change so both commit together. */
export function recordAuditEvent(db: Db, entry: AuditEntry): Promise<AuditEvent> {
  return db
    .insertInto('audit_events')
    .values({
      actor_type: entry.actorType,
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      data: JSON.stringify(entry.data ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listAuditEvents(db: Db, subjectType: string, subjectId: string): Promise<AuditEvent[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('created_at')
    .execute();
}
