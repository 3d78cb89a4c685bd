import type { Generated, Selectable } from 'kysely';

/** An approved document in the push library: agents pick it instead of uploading a file. */
export interface PushDocumentsTable {
  id: Generated<string>;
  title: string;
  description: string | null;
  media_id: string;
  added_by: string | null;
  created_at: Generated<Date>;
  withdrawn_at: Date | null;
}

export type PushDocument = Selectable<PushDocumentsTable>;
