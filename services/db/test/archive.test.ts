import { describe, expect, it } from 'vitest';
import { createInteraction } from '../src/repositories/interactions';
import { createQueue } from '../src/repositories/queues';
import { recordInteractionEvent } from '../src/repositories/interaction-events';
import { searchArchive, type ArchiveFilter, type ArchiveVisibility } from '../src/repositories/archive';
import { makeAgent, makeCustomer } from './routing-fixtures';
import { useAppDatabase } from '../../../test/support/app-db';

// The archive's fallback plan (bitmap scans only, taken when the planner's plan runs past its
// budget) must answer exactly what the planner's plan answers: same hits, same order, same pages.
const ctx = useAppDatabase();
const T0 = new Date('2026-04-01T10:00:00Z');

describe('archive search plans', () => {
  it('answers the same pages on the bitmap-only fallback as on the planner’s own plan', async () => {
    const queue = await createQueue(ctx.db, { name: 'Archive plans', channels: ['whatsapp', 'email'] });
    const agent = await makeAgent(ctx.db, { queueIds: [queue.id], at: T0 });
    const words = ['factura pendiente', 'pedido enviado', 'factura y pedido', 'devolución del pedido'];
    for (let c = 0; c < 3; c++) {
      const customerId = await makeCustomer(ctx.db);
      const created = await createInteraction(ctx.db, { customerId, queueId: queue.id, channel: c === 2 ? 'email' : 'whatsapp' }, T0);
      if (!created.ok) throw new Error(created.reason);
      const interactionId = created.interaction.id;
      if (c === 0) await ctx.db.updateTable('interactions').set({ status: 'assigned', assigned_agent_id: agent, assigned_at: T0 }).where('id', '=', interactionId).execute();
      for (let i = 0; i < 12; i++) {
        await ctx.db
          .insertInto('messages')
          .values({ interaction_id: interactionId, customer_id: customerId, direction: 'inbound', channel: c === 2 ? 'email' : 'whatsapp', agent_id: null, body: `${words[(i + c) % 4]} número ${i}`, media: null, location: null, provider: null, provider_message_id: null, delivery_status: null, error_code: null, context: '{}', created_at: new Date(T0.getTime() + (c * 12 + i) * 60_000) })
          .execute();
      }
      await recordInteractionEvent(ctx.db, { interactionId, type: 'note', actor: { type: 'user', id: agent }, data: { text: 'Revisar la factura' }, at: new Date(T0.getTime() + c * 90_000) });
    }
    const all: ArchiveVisibility = { kind: 'all' };
    const cases: [ArchiveFilter, ArchiveVisibility][] = [
      [{ query: 'factura' }, all],
      [{ query: 'pedido -devolucion' }, all],
      [{ query: 'factura', channels: ['email'] }, all],
      [{ query: 'factura' }, { kind: 'involved', agentId: agent }],
      [{ query: 'pedido', queueId: queue.id, from: new Date(T0.getTime() + 10 * 60_000) }, all],
    ];
    for (const [filter, visibility] of cases) {
      // Every page of 5 on each plan, following the keyset to the end.
      const pages = async (budget: number) => {
        const keys: string[] = [];
        let before: { createdAt: Date; key: string } | undefined;
        for (;;) {
          const rows = await searchArchive(ctx.db, filter, visibility, { limit: 5, before }, budget);
          keys.push(...rows.map((r) => `${r.key} ${r.snippet}`));
          if (rows.length < 5) return keys;
          before = { createdAt: rows[4]!.created_at, key: rows[4]!.key };
        }
      };
      const planned = await pages(10_000);
      expect(planned.length).toBeGreaterThan(0);
      expect(await pages(0)).toEqual(planned);
    }
  });
});
