import type { ColumnType, Generated, Selectable } from 'kysely';
import type { SegmentFilter } from '@cc/core/segment-filter';

/** A saved filter of customers; evaluated when used (count preview, campaign recipients). */
export interface SegmentsTable {
  id: Generated<string>;
  /** Unique regardless of case. */
  name: string;
  description: string | null;
  filter: ColumnType<SegmentFilter, string, string>;
  created_by_user_id: string | null;
  updated_by_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Segment = Selectable<SegmentsTable>;
