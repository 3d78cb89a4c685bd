import type { Generated, Selectable } from 'kysely';
import type { PresenceReason, PresenceStatus } from '@cc/core/routing';

/**
 * Presence history: one row per stretch an agent spent in one status, written in the transaction
 * that changes agent_presence (repositories/presence.ts). The current stretch has no end yet.
 */
export interface AgentPresencePeriodsTable {
  id: Generated<string>;
  agent_id: string;
  status: PresenceStatus;
  started_at: Date;
  ended_at: Date | null;
  /** Set when routing made the change (e.g. 'missed_offers'); null when the agent or a supervisor did. */
  reason: PresenceReason | null;
}

export type AgentPresencePeriod = Selectable<AgentPresencePeriodsTable>;
