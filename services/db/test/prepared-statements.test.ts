import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/database';
import { createInteraction } from '../src/repositories/interactions';
import { matchNext } from '../src/repositories/matching';
import { createQueue } from '../src/repositories/queues';
import { interactionColumns } from '../src/tables/interactions';
import { offerColumns } from '../src/tables/offers';
import { makeAgent, makeCustomer } from './routing-fixtures';
import { useAppDatabase } from '../../../test/support/app-db';

const ctx = useAppDatabase();
const t0 = new Date('2026-12-06T09:00:00Z');

describe('the arrival path’s prepared statements', () => {
  // One connection, so the statements it prepared are the ones pg_prepared_statements shows.
  let single: ReturnType<typeof createDb> | undefined;
  afterAll(() => single?.destroy());

  it('are prepared once per connection and keep working when a migration adds columns meanwhile', async () => {
    single = createDb(ctx.url, { max: 1 });
    const queue = await createQueue(ctx.db, { name: 'Prepared', channels: ['whatsapp'] });
    const customerId = await makeCustomer(ctx.db);
    await makeAgent(ctx.db, { queueIds: [queue.id], capacity: { whatsapp: 10 }, at: t0 });
    const arrive = async (at: Date) => {
      const created = await createInteraction(single!, { customerId, queueId: queue.id, channel: 'whatsapp' }, at);
      if (!created.ok) throw new Error(created.reason);
      return { created, matched: await matchNext(single!, { interactionId: created.interaction.id }, at) };
    };

    const first = await arrive(t0);
    expect(first.matched).toMatchObject({ ok: true, offer: { agent_id: expect.any(String) } });
    await arrive(new Date(t0.getTime() + 1000));
    // The three hot statements (create, match, offer), each prepared once on this connection.
    const prepared = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(single);
    expect(prepared.rows.map((r) => r.statement.trimStart().slice(0, 14)).sort()).toEqual(['/* prepared */', '/* prepared */', '/* prepared */']);

    // What a rolling deploy does: a newer version's migration adds columns while this process
    // still holds its prepared statements. A statement returning `*` would now fail with "cached
    // plan must not change result type" on every call of this connection.
    await sql`ALTER TABLE interactions ADD COLUMN added_by_next_release int`.execute(ctx.db);
    await sql`ALTER TABLE offers ADD COLUMN added_by_next_release int`.execute(ctx.db);
    await sql`ALTER TABLE queues ADD COLUMN added_by_next_release int`.execute(ctx.db);
    try {
      const later = await arrive(new Date(t0.getTime() + 2000));
      expect(later.matched).toMatchObject({ ok: true });
      expect(Object.keys(later.created.interaction).sort()).toEqual([...interactionColumns].sort());
      if (later.matched.ok) expect(Object.keys(later.matched.offer).sort()).toEqual([...offerColumns].sort());
    } finally {
      await sql`ALTER TABLE interactions DROP COLUMN added_by_next_release`.execute(ctx.db);
      await sql`ALTER TABLE offers DROP COLUMN added_by_next_release`.execute(ctx.db);
      await sql`ALTER TABLE queues DROP COLUMN added_by_next_release`.execute(ctx.db);
    }
  });
});
