import type { ColumnType, Generated, Selectable } from 'kysely';

/** A workflow start owed to Temporal (transactional outbox); deleted once Temporal has it. */
export interface WorkflowStartsTable {
  id: Generated<string>;
  /** Business key (the interaction id): starting twice is harmless. */
  workflow_id: string;
  workflow_type: string;
  /** The workflow's arguments, as JSON. */
  args: ColumnType<unknown[], string, string>;
  /** Set for signal-with-start. */
  signal_name: string | null;
  signal_args: ColumnType<unknown[] | null, string | null, string | null>;
  created_at: Generated<Date>;
  claimed_until: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export type WorkflowStart = Selectable<WorkflowStartsTable>;
