import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { searchArchive } from '../src/repositories/archive';
import { createInteraction } from '../src/repositories/interactions';
import { createQueue } from '../src/repositories/queues';
import { makeAgent, makeCustomer } from './routing-fixtures';
import { useAppDatabase } from '../../../test/support/app-db';

// The archive's keyset pages at the database's own precision.
const ctx = useAppDatabase();

describe('archive search pages', () => {
  it('pages through hits written within one millisecond without skipping any', async () => {
    const customerId = await makeCustomer(ctx.db);
    // Three campaign-like messages a few microseconds apart (a JavaScript Date cannot tell them apart).
    for (const us of ['100', '300', '200']) {
      await sql`insert into messages (customer_id, direction, channel, body, context, created_at)
                values (${customerId}, 'outbound', 'whatsapp', 'Oferta de primavera', '{}', ${`2026-05-01 10:00:00.123${us}+00`}::timestamptz)`.execute(ctx.db);
    }
    const seen: string[] = [];
    let before: { createdAt: string; key: string } | undefined;
    for (let i = 0; i < 4; i++) {
      const rows = await searchArchive(ctx.db, { query: 'primavera', customerId }, { kind: 'all' }, { limit: 1, before });
      if (!rows.length) break;
      seen.push(rows[0]!.cursor_at);
      before = { createdAt: rows[0]!.cursor_at, key: rows[0]!.key };
    }
    expect(seen).toEqual(['2026-05-01T10:00:00.123300Z', '2026-05-01T10:00:00.123200Z', '2026-05-01T10:00:00.123100Z']);
  });

  it('an agent finds the same hits by either plan: through their interactions, or walking by date', async () => {
    const queue = await createQueue(ctx.db, { name: 'Archive agent plans', channels: ['whatsapp'] });
    const agent = await makeAgent(ctx.db, { queueIds: [queue.id], at: new Date('2026-05-02T09:00:00Z') });
    const texts: Record<string, string[]> = { mine: ['Mi factura de mayo', 'Otra factura más', 'Hola'], other: ['Factura ajena'] };
    for (const [whose, bodies] of Object.entries(texts)) {
      const customerId = await makeCustomer(ctx.db);
      const created = await createInteraction(ctx.db, { customerId, queueId: queue.id, channel: 'whatsapp' }, new Date('2026-05-02T09:00:00Z'));
      if (!created.ok) throw new Error(created.reason);
      if (whose === 'mine') await ctx.db.updateTable('interactions').set({ status: 'assigned', assigned_agent_id: agent, assigned_at: new Date('2026-05-02T09:01:00Z') }).where('id', '=', created.interaction.id).execute();
      for (const [i, body] of bodies.entries()) {
        await sql`insert into messages (interaction_id, customer_id, direction, channel, body, context, created_at)
                  values (${created.interaction.id}, ${customerId}, 'inbound', 'whatsapp', ${body}, '{}', ${new Date(Date.UTC(2026, 4, 2, 10, i))})`.execute(ctx.db);
      }
    }
    const agentSearch = async (query: string, few: number) =>
      (await searchArchive(ctx.db, { query }, { kind: 'involved', agentId: agent }, { limit: 10 }, few)).map((h) => h.snippet.replace(/[\u0002\u0003]/g, ''));
    expect(await agentSearch('factura', 5000)).toEqual(['Otra factura más', 'Mi factura de mayo']);
    expect(await agentSearch('factura', 0)).toEqual(['Otra factura más', 'Mi factura de mayo']);
    expect(await agentSearch('ajena', 5000)).toEqual([]);
    expect(await agentSearch('ajena', 0)).toEqual([]);
  });
});
