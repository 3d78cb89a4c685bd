import type { Generated, Selectable } from 'kysely';

/** A push the rules refused (no consent, window closed, spacing…): counted for the push figures. */
export interface PushRefusalsTable {
  id: Generated<string>;
  interaction_id: string | null;
  agent_id: string | null;
  reason: string;
  created_at: Generated<Date>;
}

export type PushRefusal = Selectable<PushRefusalsTable>;
