import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateDown, migrateToLatest } from '../src/database';
import { migrations } from '../src/migrations/index';
import { useAppDatabase } from '../../../test/support/app-db';

const ctx = useAppDatabase({ migrate: false });

async function tables(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%' ORDER BY table_name`.execute(ctx.db);
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  it('run up in registration order, then are a no-op', async () => {
    const ran = await migrateToLatest(ctx.db);
    expect(ran).toEqual(Object.keys(migrations).map((n) => `Up ${n}`));
    expect(await tables()).toEqual(expect.arrayContaining(['api_keys', 'audit_events', 'customer_identities', 'customers', 'users', 'interactions', 'offers']));
    expect(await migrateToLatest(ctx.db)).toEqual([]);
  });

  it('revert one at a time down to an empty schema, and come back up', async () => {
    const all = await tables();
    const names = Object.keys(migrations).reverse();
    for (const name of names) expect(await migrateDown(ctx.db)).toEqual([`Down ${name}`]);
    expect(await tables()).toEqual([]);
    await migrateToLatest(ctx.db);
    expect(await tables()).toEqual(all);
  });
});
