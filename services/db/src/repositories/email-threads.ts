import { finalInteractionStatuses } from '@cc/core/routing';
import type { Db } from '../database';
import type { Interaction } from '../tables/interactions';

/**
 * The customer's open interaction holding any of `messageIds` (Message-IDs of mails in and out,
 * stored as the provider message id): where a reply in an email thread belongs. A thread whose
 * interaction has ended yields nothing, so the reply starts a new interaction.
 */
export async function findOpenThreadInteraction(db: Db, thread: { customerId: string; provider: string; messageIds: readonly string[] }): Promise<Interaction | undefined> {
  if (!thread.messageIds.length) return undefined;
  const newest = await db
    .selectFrom('messages')
    .innerJoin('interactions', 'interactions.id', 'messages.interaction_id')
    .selectAll('interactions')
    .where('messages.provider', '=', thread.provider)
    .where('messages.provider_message_id', 'in', [...thread.messageIds])
    .where('interactions.customer_id', '=', thread.customerId)
    .orderBy('messages.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return newest && !finalInteractionStatuses.includes(newest.status) ? newest : undefined;
}
