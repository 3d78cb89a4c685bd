import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { searchArchive } from '../src/repositories/archive';
import { makeCustomer } from './routing-fixtures';
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
});
