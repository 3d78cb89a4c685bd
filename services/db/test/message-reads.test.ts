import { describe, expect, it } from 'vitest';
import { createInteraction } from '../src/repositories/interactions';
import { getMessage, insertMessage, lastMessagesOfInteractions, listInteractionMessages, listMessagesOfInteractions } from '../src/repositories/messages';
import { customerTimeline } from '../src/repositories/timeline';
import { createQueue } from '../src/repositories/queues';
import { messageColumns } from '../src/tables/messages';
import { makeCustomer } from './routing-fixtures';
import { useAppDatabase } from '../../../test/support/app-db';

const ctx = useAppDatabase();

describe('message reads', () => {
  it('return exactly the Message columns: never the archive’s derived search_document', async () => {
    const q = await createQueue(ctx.db, { name: 'reads', channels: ['whatsapp'] });
    const customerId = await makeCustomer(ctx.db);
    const created = await createInteraction(ctx.db, { customerId, queueId: q.id, channel: 'whatsapp' }, new Date());
    if (!created.ok) throw new Error(created.reason);
    const interactionId = created.interaction.id;
    const { message } = await insertMessage(ctx.db, { interaction_id: interactionId, customer_id: customerId, direction: 'inbound', channel: 'whatsapp', body: 'the parcel never arrived at the depot' });
    // The column exists and is filled: a read that fetched it would show it.
    const stored = await ctx.db.selectFrom('messages').selectAll().where('id', '=', message.id).executeTakeFirstOrThrow();
    expect(stored).toHaveProperty('search_document');

    const reads = [
      await getMessage(ctx.db, message.id),
      ...(await listInteractionMessages(ctx.db, interactionId)),
      ...(await listMessagesOfInteractions(ctx.db, [interactionId])),
      ...(await lastMessagesOfInteractions(ctx.db, [interactionId], 3)),
    ];
    const timeline = await customerTimeline(ctx.db, customerId);
    expect(reads).toHaveLength(4);
    for (const read of reads) expect(Object.keys(read!).sort()).toEqual([...messageColumns].sort());
    expect(JSON.stringify(timeline)).not.toContain('search_document');
    expect(reads[0]).toMatchObject({ id: message.id, body: 'the parcel never arrived at the depot' });
  });
});
