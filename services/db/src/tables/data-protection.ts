import type { ColumnType, Generated, Selectable } from 'kysely';

/** A record the law requires to keep after an erasure, encrypted; readable by admins only (LOPDGDD art. 32). */
export interface BlockedRecordsTable {
  id: Generated<string>;
  customer_id: string;
  /** Where it came from (`consents`, `customers`), and that row's id. */
  source_table: string;
  source_id: string;
  /** Why it is kept, e.g. `consent_evidence`, `claims`. */
  legal_basis: string;
  /** AES-256-GCM: iv (12) ‖ tag (16) ‖ ciphertext of the row's JSON. */
  payload: Buffer;
  blocked_at: Generated<Date>;
  keep_until: Date;
}

export type BlockedRecord = Selectable<BlockedRecordsTable>;

export type ExportStatus = 'queued' | 'running' | 'ready' | 'failed' | 'expired';

/** One subject-access export: the package a workflow builds, downloadable until expires_at. */
export interface DataExportsTable {
  id: Generated<string>;
  customer_id: string;
  requested_by: string | null;
  status: Generated<ExportStatus>;
  progress: Generated<number>;
  step: string | null;
  /** The zip's name under the exports directory. */
  file_name: string | null;
  size_bytes: ColumnType<string | null, number | null, number | null>;
  error: string | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
  expires_at: Date | null;
}

export type DataExport = Selectable<DataExportsTable>;

export const retentionClasses = ['recordings', 'media', 'transcripts', 'cobrowse_logs', 'closed_interactions', 'audit', 'blocked', 'webhook_logs'] as const;
export type RetentionClass = (typeof retentionClasses)[number];

/** How long each class of data is kept; null days = until an admin sets a period. */
export interface RetentionSettingsTable {
  data_class: RetentionClass;
  days: number | null;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export type RetentionSetting = Selectable<RetentionSettingsTable>;

/** One purge (or dry run): counts per class. */
export interface RetentionRunsTable {
  id: Generated<string>;
  dry_run: boolean;
  as_of: Date;
  counts: ColumnType<Record<string, number>, string, string>;
  started_at: Generated<Date>;
  finished_at: Date | null;
}

export type RetentionRun = Selectable<RetentionRunsTable>;
