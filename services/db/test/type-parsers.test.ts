import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useAppDatabase } from '../../../test/support/app-db';

const ctx = useAppDatabase();

describe('value parsers of the pool', () => {
  it('read timestamptz as the instant it is, whatever the session’s time zone', async () => {
    const read = (zone: string) =>
      ctx.db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('TimeZone', ${zone}, true)`.execute(trx);
        const { rows } = await sql<{ micro: Date; whole: Date; far: Date; ancient: Date; up: number; down: number }>`
          SELECT '2026-12-06 01:15:12.123456+00'::timestamptz AS micro,
                 '2026-12-06 01:15:12+00'::timestamptz AS whole,
                 '2199-07-01 23:59:59.9+00'::timestamptz AS far,
                 '0099-01-01 00:00:00+00 BC'::timestamptz AS ancient,
                 'infinity'::timestamptz AS up,
                 '-infinity'::timestamptz AS down`.execute(trx);
        return rows[0]!;
      });
    // Offsets with minutes (+05:30), negative ones and none at all come back as the same instants.
    for (const zone of ['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Europe/Madrid']) {
      const row = await read(zone);
      expect(row.micro).toEqual(new Date('2026-12-06T01:15:12.123Z'));
      expect(row.whole).toEqual(new Date('2026-12-06T01:15:12.000Z'));
      expect(row.far).toEqual(new Date('2199-07-01T23:59:59.900Z'));
      expect(row.ancient.getTime()).toBe(Date.UTC(-98, 0, 1)); // 1 BC is year 0, so 99 BC is -98
      expect(row.up).toBe(Infinity);
      expect(row.down).toBe(-Infinity);
    }
  });

  it('leave every other type to pg’s own parsers', async () => {
    const { rows } = await sql<{ big: string; day: Date; json: unknown; list: string[]; plain: Date }>`
      SELECT 9007199254740993::int8 AS big, '{"a":[1]}'::jsonb AS json, ARRAY['x','y'] AS list,
             '2026-01-02'::date AS day, '2026-01-02 03:04:05'::timestamp AS plain`.execute(ctx.db);
    expect(rows[0]!.big).toBe('9007199254740993');
    expect(rows[0]!.json).toEqual({ a: [1] });
    expect(rows[0]!.list).toEqual(['x', 'y']);
    expect(rows[0]!.day).toBeInstanceOf(Date);
    expect(rows[0]!.plain).toBeInstanceOf(Date);
  });
});
