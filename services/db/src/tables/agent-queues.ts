import type { Selectable } from 'kysely';

/** Queue membership: an agent is only offered interactions of queues they belong to. */
export interface AgentQueuesTable {
  agent_id: string;
  queue_id: string;
}

export type AgentQueue = Selectable<AgentQueuesTable>;
