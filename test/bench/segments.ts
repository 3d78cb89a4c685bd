/**
 * Segments benchmark (issue 18). In its own throwaway database: N customers (default 200,000) with
 * a WhatsApp identity each, tags, language, country, custom fields, consent histories (60 % granted
 * marketing, a tenth of those withdrawn by STOP later, 20 % service only) and contacts for 30 %.
 * Times the live count (segmentPreview) for three typical filters, and a full keyset walk of the
 * recipients (what a campaign reads), beside the floor measured in the same run: counting and
 * walking customers with their number but no consent rule and no criteria.
 *
 *   npx tsx test/bench/segments.ts [--customers 200000] [--runs 20] [--page 1000]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { SegmentFilter } from '@cc/core/segment-filter';
import { createDb, migrateToLatest } from '@cc/db/database';
import { countSegmentRecipients, listSegmentRecipients } from '@cc/db/repositories/segments';
import { createTestDatabase, startTestPostgres } from '../support/postgres';
import { percentile, round } from './stats';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '200000' }, runs: { type: 'string', default: '20' }, page: { type: 'string', default: '1000' } } });
const total = Number(values.customers);
const runs = Number(values.runs);
const pageSize = Number(values.page);

const pg = await startTestPostgres();
const database = await createTestDatabase(pg.url);
const db = createDb(database.url, { max: 4 });
const now = new Date('2026-11-30T12:00:00Z');
const result: Record<string, unknown> = { bench: 'segments', customers: total };

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function samples(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  await fn(); // warm
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(await timed(fn));
  return { p50: round(percentile(ms, 50)), p99: round(percentile(ms, 99)) };
}

try {
  await migrateToLatest(db);
  const t0 = performance.now();
  await sql`select setseed(0.18)`.execute(db);
  await sql`insert into queues (name, channels) values ('Bench', array['voice','whatsapp'])`.execute(db);
  await sql`
    insert into customers (display_name, tags, language, country, time_zone, fields)
    select 'C' || g,
           case when g % 5 = 0 then array['vip'] when g % 7 = 0 then array['newsletter', 'madrid'] else array[]::text[] end,
           (array['es','en','ca','fr'])[1 + g % 4], (array['ES','ES','ES','PT','GB'])[1 + g % 5],
           (array['Europe/Madrid','Atlantic/Canary','Europe/London'])[1 + g % 3],
           jsonb_build_object('plan', (array['gold','silver','basic'])[1 + g % 3], 'visits', g % 10)
      from generate_series(1, ${total}) g`.execute(db);
  await sql`insert into customer_identities (customer_id, kind, value) select id, 'whatsapp', '+3460' || lpad((row_number() over (order by id))::text, 7, '0') from customers`.execute(db);
  await sql`
    insert into consents (customer_id, channel, purpose, granted, source, created_at)
    select id, 'whatsapp', case when r < 0.6 then 'marketing' when r < 0.8 then 'service' else 'marketing' end, r < 0.8, 'bench', ${now}::timestamptz - interval '200 days' + r * interval '100 days'
      from (select id, random() r from customers) c`.execute(db);
  await sql`insert into consents (customer_id, channel, purpose, granted, source, created_at)
    select customer_id, 'whatsapp', 'all', false, 'whatsapp_keyword', ${now}::timestamptz - interval '10 days' from consents where purpose = 'marketing' and granted and random() < 0.1`.execute(db);
  await sql`insert into interactions (channel, customer_id, queue_id, priority, status, context, enqueued_at, created_at, closed_at)
    select (array['voice','whatsapp'])[1 + floor(random() * 2)::int], c.id, q.id, 0, 'closed', '{}', t, t, t
      from (select id, ${now}::timestamptz - random() * interval '60 days' t from customers where random() < 0.3) c, queues q`.execute(db);
  await sql`analyze`.execute(db);
  result.generateSeconds = round((performance.now() - t0) / 1000);

  const filters: Record<string, SegmentFilter> = {
    consentOnly: {},
    vipSpanish: { tagsAny: ['vip'], languages: ['es', 'ca'], countries: ['ES'] },
    goldActiveOnWhatsApp: { fieldEquals: [{ key: 'plan', equals: 'gold' }], channelActivity: { channel: 'whatsapp', withinDays: 30, had: true } },
  };
  const counts: Record<string, unknown> = {};
  for (const [name, filter] of Object.entries(filters)) {
    const n = await countSegmentRecipients(db, filter, { now });
    counts[name] = { selected: n, ...(await samples(() => countSegmentRecipients(db, filter, { now }))) };
  }
  result.countMs = counts;
  // Floor: how many customers have a number at all (no consent rule, no criteria).
  result.baselineCountMs = await samples(() => sql`select count(*) from customers c where exists (select 1 from customer_identities i where i.customer_id = c.id and i.kind in ('whatsapp','phone'))`.execute(db));

  let walked = 0;
  const walkMs = await timed(async () => {
    let after: string | null = null;
    for (;;) {
      const page = await listSegmentRecipients(db, {}, { afterCustomerId: after, limit: pageSize, now });
      if (page.length === 0) break;
      walked += page.length;
      after = page[page.length - 1]!.customerId;
    }
  });
  let floorWalked = 0;
  const floorMs = await timed(async () => {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await sql<{ id: string }>`select c.id, c.tags, c.fields, i.value from customers c join customer_identities i on i.customer_id = c.id and i.kind = 'whatsapp' where c.id > ${after} order by c.id limit ${pageSize}`.execute(db);
      if (rows.length === 0) break;
      floorWalked += rows.length;
      after = rows[rows.length - 1]!.id;
    }
  });
  result.walk = { recipients: walked, pageSize, ms: round(walkMs), perSecond: Math.round(walked / (walkMs / 1000)) };
  result.baselineWalk = { customers: floorWalked, ms: round(floorMs), perSecond: Math.round(floorWalked / (floorMs / 1000)) };
  result.loadAverage = loadavg().map((l) => round(l, 2));
  console.log(JSON.stringify(result));
} finally {
  await db.destroy();
  await database.drop();
  await pg.stop();
}
