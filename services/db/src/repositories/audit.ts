import { sql } from 'kysely';
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

export interface AuditFilter {
  /** Exact actions (`user.login_failed`), or prefixes ending in `.` (`customer.`). */
  actions?: readonly string[];
  actorId?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
}

/** Admins' search of the audit log, newest first, keyset-paged by (created_at, id). */
export function searchAuditEvents(db: Db, filter: AuditFilter, page: { limit: number; before?: { createdAt: Date; id: string } }): Promise<AuditEvent[]> {
  let q = db.selectFrom('audit_events').selectAll();
  if (filter.actions?.length) {
    const actions = filter.actions;
    q = q.where((eb) => eb.or(actions.map((a) => (a.endsWith('.') ? eb('action', 'like', `${a.replace(/[%_\\]/g, '\\$&')}%`) : eb('action', '=', a)))));
  }
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.subjectType) q = q.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
  if (filter.from) q = q.where('created_at', '>=', filter.from);
  if (filter.to) q = q.where('created_at', '<', filter.to);
  const before = page.before;
  if (before) q = q.where((eb) => eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]));
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}

/** What the audit log's trigger lets go: entries older than its retention period by the database's own clock. */
const pastAuditPeriod = sql<boolean>`created_at < now() - make_interval(days => (select days from retention_settings where data_class = 'audit'))`;

/** Entries older than `cutoff` (and past the period by the database's clock, as the trigger requires), oldest first, in one batch. */
export async function purgeAuditEvents(db: Db, cutoff: Date, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('audit_events')
    .where('id', 'in', db.selectFrom('audit_events').select('id').where('created_at', '<', cutoff).where(pastAuditPeriod).orderBy('created_at').limit(limit))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countAuditEventsBefore(db: Db, cutoff: Date): Promise<number> {
  const row = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('created_at', '<', cutoff).where(pastAuditPeriod).executeTakeFirstOrThrow();
  return Number(row.n);
}
