import type { Db } from '@cc/db/database';
import { createAgent } from '@cc/db/repositories/agents';
import { createInteraction } from '@cc/db/repositories/interactions';
import { createQueue } from '@cc/db/repositories/queues';

export interface SeededList {
  queueId: string;
  /** Newest first, as `interactions` lists them. */
  interactions: { id: string; customerId: string; displayName: string; messageBodies: string[] }[];
}

/**
 * `count` web chat interactions in a new queue, each with its own customer (two identities) and
 * `messages` messages a second apart; every other one assigned to the user `agentId` (made an agent of the queue) when given.
 */
export async function seedInteractionList(db: Db, options: { count: number; messages: number; agentId?: string; tag: string }): Promise<SeededList> {
  const queue = await createQueue(db, { name: `List ${options.tag}`, channels: ['webchat'] });
  if (options.agentId) await createAgent(db, { userId: options.agentId, skills: {}, capacity: { webchat: 1 }, queueIds: [queue.id] }, new Date());
  const start = Date.now() - 3_600_000;
  const interactions: SeededList['interactions'] = [];
  for (let i = 0; i < options.count; i++) {
    const displayName = `${options.tag} customer ${i}`;
    const customer = await db.insertInto('customers').values({ display_name: displayName }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('customer_identities')
      .values([
        { customer_id: customer.id, kind: 'email', value: `c${i}.${options.tag}@list.test` },
        { customer_id: customer.id, kind: 'webchat', value: `visitor-${options.tag}-${i}` },
      ])
      .execute();
    const created = await createInteraction(db, { customerId: customer.id, queueId: queue.id, channel: 'webchat' }, new Date(start + i * 60_000));
    if (!created.ok) throw new Error(created.reason);
    const id = created.interaction.id;
    if (options.agentId && i % 2 === 0) {
      await db.updateTable('interactions').set({ status: 'assigned', assigned_agent_id: options.agentId, assigned_at: new Date() }).where('id', '=', id).execute();
    }
    const messageBodies = Array.from({ length: options.messages }, (_, m) => `${options.tag} ${i}.${m}`);
    if (messageBodies.length) {
      await db
        .insertInto('messages')
        .values(
          messageBodies.map((body, m) => ({
            interaction_id: id,
            customer_id: customer.id,
            direction: m % 2 ? ('outbound' as const) : ('inbound' as const),
            channel: 'webchat' as const,
            body,
            created_at: new Date(start + i * 60_000 + m * 1_000),
          })),
        )
        .execute();
    }
    interactions.unshift({ id, customerId: customer.id, displayName, messageBodies });
  }
  return { queueId: queue.id, interactions };
}
