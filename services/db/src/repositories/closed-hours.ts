import type { Db } from '../database';
import type { Interaction } from '../tables/interactions';
import type { Message } from '../tables/messages';
import { recordInteractionEvent, systemActor } from './interaction-events';
import { inTransaction } from './transaction';

/**
 * A contact arrived while its queue is closed. The queue's auto-reply is recorded as an outbound
 * message (the channel adapter delivers it). A call ends here (the caller heard the announcement);
 * written channels keep waiting so the first agent in the morning answers them.
 */
export function handleClosedHours(
  db: Db,
  change: { interactionId: string; now: Date },
): Promise<{ interaction: Interaction; autoReply: Message | null } | undefined> {
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('interactions').selectAll().where('id', '=', change.interactionId).forUpdate().executeTakeFirst();
    if (!current || current.status !== 'queued') return undefined;
    const queue = await trx.selectFrom('queues').select(['closed_auto_reply']).where('id', '=', current.queue_id).executeTakeFirstOrThrow();
    const autoReply = queue.closed_auto_reply
      ? await trx
          .insertInto('messages')
          .values({
            interaction_id: current.id,
            customer_id: current.customer_id,
            direction: 'outbound',
            channel: current.channel,
            agent_id: null,
            body: queue.closed_auto_reply,
            media: null,
            location: null,
            provider: null,
            provider_message_id: null,
            delivery_status: 'queued',
            error_code: null,
            // Marked in the timeline as an automatic reply (WhatsApp's interval rule counts it).
            context: JSON.stringify({ automatic: { kind: 'closed' } }),
          })
          .returningAll()
          .executeTakeFirstOrThrow()
      : null;
    const interaction =
      current.channel === 'voice'
        ? await trx.updateTable('interactions').set({ status: 'closed', closed_at: change.now }).where('id', '=', current.id).returningAll().executeTakeFirstOrThrow()
        : current;
    await recordInteractionEvent(trx, {
      interactionId: current.id,
      type: 'closed_hours',
      actor: systemActor,
      data: { autoReplyMessageId: autoReply?.id ?? null, ended: interaction.status === 'closed' },
      at: change.now,
    });
    return { interaction, autoReply };
  });
}
