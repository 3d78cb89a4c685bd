import type { Generated, Selectable } from 'kysely';
import type { OfferOutcome } from '@cc/core/routing';

/** An interaction put to one agent until they decide or it expires; at most one open per interaction. */
export interface OffersTable {
  id: Generated<string>;
  interaction_id: string;
  agent_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  /** Null while open. */
  outcome: OfferOutcome | null;
  decided_at: Date | null;
}

export type Offer = Selectable<OffersTable>;
