import { sql } from 'kysely';
import type { Channel } from '@cc/core/channels';
import type { InteractionStatus } from '@cc/core/routing';
import type { Db } from '../database';
import type { Interaction } from '../tables/interactions';
import { involvesAgent } from './interaction-visibility';

/**
 * `newest_first`: by arrival, newest first (the API's default).
 * `longest_waiting_first`: contacts still waiting (queued or offered) first, the longest wait at
 * the top — what a supervisor acts on — then the rest, oldest first.
 */
export type InteractionOrder = 'newest_first' | 'longest_waiting_first';

export interface InteractionListFilter {
  statuses?: readonly InteractionStatus[];
  queueId?: string;
  channel?: Channel;
  /** Only interactions this agent holds, was offered or transferred. */
  involvingAgentId?: string;
}

export function listInteractions(
  db: Db,
  filter: InteractionListFilter,
  page: { order: InteractionOrder; limit: number; offset: number },
): Promise<Interaction[]> {
  let q = db.selectFrom('interactions').selectAll();
  if (filter.statuses?.length) q = q.where('status', 'in', filter.statuses);
  if (filter.queueId) q = q.where('queue_id', '=', filter.queueId);
  if (filter.channel) q = q.where('channel', '=', filter.channel);
  const agentId = filter.involvingAgentId;
  if (agentId) q = q.where((eb) => involvesAgent(eb, agentId));
  q =
    page.order === 'longest_waiting_first'
      ? q.orderBy(sql`status in ('queued', 'offered')`, 'desc').orderBy('enqueued_at', 'asc')
      : q.orderBy('enqueued_at', 'desc');
  return q.orderBy('id').limit(page.limit).offset(page.offset).execute();
}
