import type { Selectable } from 'kysely';
import type { PresenceReason, PresenceStatus } from '@cc/core/routing';

/**
 * One row per agent; also the lock that serializes offers to that agent, so capacity is checked
 * and reserved atomically (see repositories/matching.ts).
 */
export interface AgentPresenceTable {
  agent_id: string;
  status: PresenceStatus;
  /** When `status` last changed. */
  since: Date;
  /** When the agent last became available or was last offered work; the oldest is offered first. */
  idle_since: Date;
  /** Set when routing made the change (e.g. 'missed_offers'); null when the agent or a supervisor did. */
  reason: PresenceReason | null;
}

export type AgentPresence = Selectable<AgentPresenceTable>;
