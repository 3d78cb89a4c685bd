import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Capacity, Skills } from '@cc/core/routing';

/** A user who takes interactions. */
export interface AgentsTable {
  user_id: string;
  /** Skill name → level 1..5. */
  skills: ColumnType<Skills, string, string>;
  /** Channel → how many interactions at once; a missing channel means none. */
  capacity: ColumnType<Capacity, string, string>;
  created_at: Generated<Date>;
}

export type Agent = Selectable<AgentsTable>;
