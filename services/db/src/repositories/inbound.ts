import { sql } from 'kysely';
import type { Channel } from '@cc/core/channels';
import type { Db } from '../database';
import type { Interaction } from '../tables/interactions';
import type { Message } from '../tables/messages';
import { findOpenThreadInteraction } from './email-threads';
import { createInteraction, findOpenInteraction } from './interactions';
import { findMessageByProviderId, insertMessage, type NewMessage } from './messages';
import { inTransaction } from './transaction';

export type InboundResult =
  | { duplicate: true; message: Message }
  | { duplicate: false; message: Message; interaction: Interaction; interactionCreated: boolean };

/**
 * Stores a customer's message on their open interaction of that channel, or on a new one in
 * `queueId`. Idempotent per provider message id (a re-delivered webhook returns `duplicate`).
 * Serialized per (customer, channel) with an advisory lock so two messages arriving together never
 * open two interactions. Run `then` inside the same transaction (e.g. start or signal the
 * workflow): if it throws, nothing is stored and the provider's retry starts over.
 *
 * With `thread` (email), the message joins the open interaction holding one of those provider
 * message ids (Message-ID / In-Reply-To / References) or starts a new one — never another open
 * conversation of the customer's: separate mail threads are separate interactions.
 */
export function receiveCustomerMessage(
  db: Db,
  input: { customerId: string; channel: Channel; queueId: string; subject?: string | null; context?: Record<string, unknown>; thread?: { messageIds: readonly string[] }; message: Omit<NewMessage, 'interaction_id' | 'customer_id' | 'channel' | 'direction'> },
  now: Date,
  then: (trx: Db, result: Exclude<InboundResult, { duplicate: true }>) => Promise<void>,
): Promise<InboundResult | { duplicate: false; refused: 'no_such_queue' | 'channel_not_served' }> {
  return inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`${input.customerId}:${input.channel}`}))`.execute(trx);
    const { provider, provider_message_id } = input.message;
    if (provider && provider_message_id) {
      const seen = await findMessageByProviderId(trx, provider, provider_message_id);
      if (seen) return { duplicate: true, message: seen };
    }
    let interaction = input.thread
      ? await findOpenThreadInteraction(trx, { customerId: input.customerId, provider: provider ?? '', messageIds: input.thread.messageIds })
      : await findOpenInteraction(trx, input.customerId, input.channel);
    let interactionCreated = false;
    if (!interaction) {
      const created = await createInteraction(trx, { customerId: input.customerId, queueId: input.queueId, channel: input.channel, subject: input.subject ?? null, context: input.context ?? {} }, now, { type: 'customer', id: input.customerId });
      if (!created.ok) return { duplicate: false, refused: created.reason };
      interaction = created.interaction;
      interactionCreated = true;
    }
    const { message } = await insertMessage(trx, { ...input.message, interaction_id: interaction.id, customer_id: input.customerId, channel: input.channel, direction: 'inbound' });
    const result = { duplicate: false as const, message, interaction, interactionCreated };
    await then(trx, result);
    return result;
  });
}
