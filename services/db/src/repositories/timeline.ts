import type { Db } from '../database';
import { involvesAgent } from './interaction-visibility';
import type { InteractionEvent } from '../tables/interaction-events';
import { messageColumns, type Message } from '../tables/messages';

export type TimelineEntry = { kind: 'message'; at: Date; message: Message } | { kind: 'event'; at: Date; event: InteractionEvent };

/**
 * One customer's history across every channel: messages (in and out, including those outside any
 * interaction) and interaction events, oldest first, the newest `limit` of them.
 */
export async function customerTimeline(db: Db, customerId: string, limit = 200, onlyForAgentId?: string): Promise<TimelineEntry[]> {
  // With `onlyForAgentId`: only what belongs to interactions that agent took part in.
  const involved = (agentId: string) =>
    db.selectFrom('interactions').select('interactions.id').where('interactions.customer_id', '=', customerId).where((eb) => involvesAgent(eb, agentId));
  let messages = db.selectFrom('messages').select(messageColumns).where('customer_id', '=', customerId);
  let events = db
    .selectFrom('interaction_events as e')
    .innerJoin('interactions as i', 'i.id', 'e.interaction_id')
    .selectAll('e')
    .where('i.customer_id', '=', customerId);
  if (onlyForAgentId) {
    messages = messages.where('interaction_id', 'in', involved(onlyForAgentId));
    events = events.where('e.interaction_id', 'in', involved(onlyForAgentId));
  }
  const [messageRows, eventRows] = await Promise.all([
    messages.orderBy('created_at', 'desc').limit(limit).execute(),
    events.orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(limit).execute(),
  ]);
  const entries: TimelineEntry[] = [
    ...messageRows.map((message) => ({ kind: 'message' as const, at: message.created_at, message })),
    ...eventRows.map((event) => ({ kind: 'event' as const, at: event.created_at, event })),
  ];
  // Stable: within one instant, events keep their sequence order.
  entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  return entries.slice(-limit);
}

/** The customer's interactions, newest first; with `agentId`, only those that agent took part in. */
export function customerInteractionIds(db: Db, customerId: string, agentId?: string): Promise<{ id: string }[]> {
  let q = db.selectFrom('interactions').select('id').where('customer_id', '=', customerId).orderBy('enqueued_at', 'desc');
  if (agentId) q = q.where((eb) => involvesAgent(eb, agentId));
  return q.execute();
}
