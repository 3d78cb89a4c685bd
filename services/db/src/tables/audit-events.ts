import type { ColumnType, Generated, Selectable } from 'kysely';

export type ActorType = 'user' | 'api_key' | 'system';

/** Append-only record of who did what, for compliance (consent, keys, administration). */
export interface AuditEventsTable {
  id: Generated<string>;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  data: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
}

export type AuditEvent = Selectable<AuditEventsTable>;
