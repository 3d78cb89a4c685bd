import type { Generated, Selectable } from 'kysely';
import type { Channel } from '@cc/core/channels';
import type { OfferOutcome } from '@cc/core/routing';
import { columnsOf } from './columns';

/** An interaction put to one agent until they decide or it expires; at most one open per interaction. */
export interface OffersTable {
  id: Generated<string>;
  interaction_id: string;
  agent_id: string;
  /** Its interaction's channel (kept equal by a foreign key): the agent's load on it counts this offer. */
  channel: Channel;
  created_at: Generated<Date>;
  expires_at: Date;
  /** Null while open. */
  outcome: OfferOutcome | null;
  decided_at: Date | null;
}

export type Offer = Selectable<OffersTable>;

/** Every Offer column, for statements that must name their result columns (prepared.ts). */
export const offerColumns = columnsOf<Offer>({ id: true, interaction_id: true, agent_id: true, channel: true, created_at: true, expires_at: true, outcome: true, decided_at: true });
