/**
 * Archive search benchmark (issue 19). In its own throwaway database: N messages (default
 * 1,000,000) over N/10 interactions of 20,000 customers handled by 50 agents, bodies of twelve
 * words (Spanish and English words with and without accents, and filler tokens) generated with
 * bulk SQL, plus N/100 notes. Times archive searches as the API runs them (both sources, filters,
 * snippets, policy) for a common word (~10 % of messages), a rare one (~0.1 %), a two-word query,
 * an agent's search and an agent's search that matches nothing, beside the raw tsquery on the same
 * GIN index in the same run (one table, no join, no snippet, no policy).
 *
 *   npx tsx test/bench/archive.ts [--messages 1000000] [--runs 50]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDb, migrateToLatest } from '@cc/db/database';
import { searchArchive, type ArchiveFilter, type ArchiveVisibility } from '@cc/db/repositories/archive';
import { createTestDatabase, startTestPostgres } from '../support/postgres';
import { percentile, round } from './stats';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '50' } } });
const total = Number(values.messages);
const runs = Number(values.runs);
const page = 25;

const pg = await startTestPostgres();
const database = await createTestDatabase(pg.url);
const db = createDb(database.url, { max: 4 });
const result: Record<string, unknown> = { bench: 'archive', messages: total };

// Twenty words, each in about 1 of 20 messages' first slots; 'reembolso' only in 1 of 1000.
const words = ['facturación', 'pedido', 'pedidos', 'envío', 'dirección', 'contraseña', 'devolución', 'teléfono', 'llamada', 'tarjeta', 'order', 'orders', 'shipping', 'refund', 'account', 'password', 'delivery', 'invoice', 'problema', 'ayuda'];

async function samples(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return { p50: round(percentile(ms, 50)), p99: round(percentile(ms, 99)) };
}

try {
  await migrateToLatest(db);
  const t0 = performance.now();
  await sql`select setseed(0.19)`.execute(db);
  await sql`insert into queues (name, channels) values ('Bench', array['voice','whatsapp','email','webchat'])`.execute(db);
  await sql`insert into users (email, name, role, password_hash) select 'agent' || g || '@bench.test', 'Agent ' || g, 'agent', 'x' from generate_series(1, 50) g`.execute(db);
  await sql`insert into agents (user_id, skills, capacity) select id, '{}', '{"voice":1,"whatsapp":3,"email":3,"webchat":3}' from users`.execute(db);
  await sql`insert into customers (display_name) select 'C' || g from generate_series(1, 20000) g`.execute(db);
  await sql`
    insert into interactions (channel, customer_id, queue_id, priority, status, assigned_agent_id, context, enqueued_at, offered_at, assigned_at, closed_at, created_at)
    select (array['voice','whatsapp','email','webchat'])[1 + g % 4], c.ids[1 + g % 20000], q.id, 0, 'closed', a.ids[1 + g % 50], '{}',
           t, t, t, t + interval '5 minutes', t
      from generate_series(1, ${Math.ceil(total / 10)}) g
           cross join lateral (select timestamptz '2026-01-01' + g * interval '2 minutes' as t) at,
           (select array_agg(id order by display_name) ids from customers) c,
           (select array_agg(id order by email) ids from users) a,
           (select id from queues limit 1) q`.execute(db);
  await sql`
    insert into messages (interaction_id, customer_id, direction, channel, agent_id, body, created_at)
    select i.id, i.customer_id, case when g % 2 = 0 then 'inbound' else 'outbound' end,
           case i.channel when 'voice' then 'whatsapp' else i.channel end,
           case when g % 2 = 1 then i.assigned_agent_id end,
           concat_ws(' ', w.words[1 + (g * 7) % 20], 'tok' || (g * 13) % 5000, w.words[1 + (g * 11 + 3) % 20] , 'tok' || (g * 17) % 7000,
                     case when g % 1000 = 0 then 'reembolso' else 'tok' || (g * 19) % 9000 end,
                     'tok' || (g * 23) % 11000, 'tok' || (g * 29) % 13000, 'tok' || (g * 31) % 15000, 'tok' || (g * 37) % 17000,
                     'tok' || (g * 41) % 19000, 'tok' || (g * 43) % 21000, 'tok' || (g * 47) % 23000),
           i.created_at + (g % 10) * interval '5 seconds'
      from generate_series(1, ${total}) g
      join interactions i on i.id = (select array_agg(id order by created_at) from interactions)[1 + (g - 1) / 10]
      cross join (select ${sql.val(words)}::text[] as words) w`.execute(db);
  await sql`
    insert into interaction_events (interaction_id, type, actor_type, actor_id, data, created_at)
    select id, 'note', 'user', assigned_agent_id::text, jsonb_build_object('text', 'Nota sobre la facturación y el envío ' || id), created_at + interval '1 minute'
      from interactions where random() < 0.1`.execute(db);
  await sql`analyze`.execute(db);
  result.generateSeconds = round((performance.now() - t0) / 1000);
  const agent = await sql<{ id: string }>`select id from users order by email limit 1`.execute(db);
  const all: ArchiveVisibility = { kind: 'all' };
  const search = (filter: ArchiveFilter, visibility: ArchiveVisibility = all) => () => searchArchive(db, filter, visibility, { limit: page + 1 });
  const raw = (q: string) => () => sql`select id, created_at from messages where body is not null and search_document @@ archive_query(${q}) order by created_at desc limit ${page + 1}`.execute(db);

  const counted = await sql<{ common: string; rare: string }>`
    select count(*) filter (where search_document @@ archive_query('facturacion')) common,
           count(*) filter (where search_document @@ archive_query('reembolso')) rare from messages where body is not null`.execute(db);
  result.matches = { common: Number(counted.rows[0]!.common), rare: Number(counted.rows[0]!.rare) };
  result.common = { archive: await samples(search({ query: 'facturacion' })), rawTsquery: await samples(raw('facturacion')) };
  result.rare = { archive: await samples(search({ query: 'reembolso' })), rawTsquery: await samples(raw('reembolso')) };
  result.twoWords = { archive: await samples(search({ query: 'pedido envio' })), rawTsquery: await samples(raw('pedido envio')) };
  result.agentScoped = { archive: await samples(search({ query: 'facturacion' }, { kind: 'involved', agentId: agent.rows[0]!.id })) };
  // Two words the statistics expect in ~2 % of messages but that never meet in this agent's
  // interactions: the newest-first walk finds nothing and the search falls back to the GIN index.
  result.agentScopedNoMatch = { archive: await samples(search({ query: 'pedido envio' }, { kind: 'involved', agentId: agent.rows[0]!.id })) };
  result.filtered = { archive: await samples(search({ query: 'facturacion', channels: ['email'], from: new Date('2026-02-01T00:00:00Z') })) };
  result.load = loadavg().map((l) => round(l));
  console.log(JSON.stringify(result));
} finally {
  await db.destroy();
  await database.drop();
  await pg.stop();
}
