/**
 * The SQL of one arrival's matching with many agents (issue 16), without the API or Temporal: a
 * fresh database with a WhatsApp queue of --agents available agents and, as the baseline in the
 * same run, one of 50 others; each agent holds some work (assigned contacts and, every other one,
 * an open offer; below capacity). Then --arrivals new contacts per queue, each matched by
 * `matchNext({ interactionId })` while its statements are timed by EXPLAIN ANALYZE (server
 * execution time, replayed in a rolled-back transaction). Prints one JSON line: per queue, the
 * median and p90 of the statements' time per arrival; and the load average.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx test/bench/routing-arrival-sql.ts [--agents 1000] [--arrivals 30]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb, migrateToLatest } from '@cc/db/database';
import { matchNext } from '@cc/db/repositories/matching';
import { createQueue } from '@cc/db/repositories/queues';
import { createTestDatabase, startTestPostgres } from '../support/postgres';
import { loadAverage1m } from './routing-support';
import { percentile, round } from './stats';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '1000' },
    arrivals: { type: 'string', default: '30' },
  },
});
const agentCount = Number(values.agents);
const arrivalCount = Number(values.arrivals);

const server = await startTestPostgres();
const database = await createTestDatabase(server.url);
const db = createDb(database.url);
try {
  await migrateToLatest(db);
  const customer = (
    await db
      .insertInto('customers')
      .values({ display_name: 'Bench' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  /** A WhatsApp queue of `count` new agents, each holding some work; its id. */
  const seedQueue = async (name: string, count: number): Promise<string> => {
    const queue = await createQueue(db, { name, channels: ['whatsapp'] });
    // Agents, memberships and presence in bulk: the statements under test read them, nothing else.
    await sql`
      WITH u AS (
        INSERT INTO users (email, name, role, password_hash)
        SELECT ${name} || g || '@bench.local', 'Agent ' || g, 'agent', 'x' FROM generate_series(1, ${count}) g RETURNING id
      ), a AS (INSERT INTO agents (user_id, skills, capacity) SELECT id, '{}', '{"whatsapp": 4}' FROM u RETURNING user_id)
      , q AS (INSERT INTO agent_queues (agent_id, queue_id) SELECT user_id, ${queue.id} FROM a)
      INSERT INTO agent_presence (agent_id, status, since, idle_since) SELECT user_id, 'available', now(), now() - random() * interval '1 hour' FROM a`.execute(
      db,
    );
    // Each agent holds two assigned contacts and every other one an open offer: loads to count.
    const members = sql`SELECT agent_id AS user_id FROM agent_queues WHERE queue_id = ${queue.id}`;
    await sql`
      INSERT INTO interactions (channel, customer_id, queue_id, priority, status, assigned_agent_id, enqueued_at, assigned_at)
      SELECT 'whatsapp', ${customer}, ${queue.id}, 0, 'assigned', a.user_id, now(), now() FROM (${members}) a, generate_series(1, 2)`.execute(
      db,
    );
    await sql`
      WITH i AS (
        INSERT INTO interactions (channel, customer_id, queue_id, priority, status, enqueued_at, offered_at, subject)
        SELECT 'whatsapp', ${customer}, ${queue.id}, 0, 'offered', now(), now(), a.user_id::text FROM (${members}) a
        WHERE hashtext(a.user_id::text) % 2 = 0 RETURNING id, channel, subject
      )
      INSERT INTO offers (interaction_id, agent_id, channel, created_at, expires_at) SELECT id, subject::uuid, channel, now(), now() + interval '1 hour' FROM i`.execute(
      db,
    );
    return queue.id;
  };
  const few = await seedQueue('few', 50);
  const many = await seedQueue('many', agentCount);
  await sql`ANALYZE`.execute(db);

  const client = new pg.Client(database.url);
  await client.connect();
  /** Each arrival's statement time (ms) in `queueId`. */
  const measure = async (queueId: string): Promise<number[]> => {
    const perArrival: number[] = [];
    for (let n = 0; n < arrivalCount; n++) {
      const interaction = await db
        .insertInto('interactions')
        .values({
          channel: 'whatsapp',
          customer_id: customer,
          queue_id: queueId,
          priority: 0,
          status: 'queued',
          context: '{}',
          enqueued_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The statements the arrival runs, captured, then replayed under EXPLAIN ANALYZE and rolled back.
      const statements: { sql: string; parameters: readonly unknown[] }[] = [];
      const traced = createDb(database.url, {
        log: (e) =>
          void (
            e.level === 'query' &&
            statements.push({ sql: e.query.sql, parameters: e.query.parameters })
          ),
      });
      await client.query('BEGIN');
      let total = 0;
      try {
        const result = await matchNext(traced, { interactionId: interaction.id }, new Date());
        if (!result.ok) throw new Error(`arrival not offered: ${result.reason}`);
        // Undo the offer (the replay below makes it again in its own rolled-back transaction).
        await sql`DELETE FROM interaction_events WHERE interaction_id = ${interaction.id}`.execute(
          db,
        );
        await sql`DELETE FROM offers WHERE interaction_id = ${interaction.id}`.execute(db);
        await sql`UPDATE interactions SET status = 'queued', offered_at = NULL WHERE id = ${interaction.id}`.execute(
          db,
        );
        for (const s of statements.filter((s) => !/^(begin|commit|rollback)/i.test(s.sql))) {
          const { rows } = await client.query(
            `EXPLAIN (ANALYZE, FORMAT JSON) ${s.sql}`,
            s.parameters as unknown[],
          );
          const plan = rows[0]['QUERY PLAN'][0] as { 'Execution Time': number };
          total += plan['Execution Time'];
          // BENCH_PLANS=1: each statement's plan, to see where the time goes.
          if (process.env.BENCH_PLANS && n === arrivalCount - 1)
            console.error(s.sql, JSON.stringify(plan, null, 1));
        }
      } finally {
        await client.query('ROLLBACK');
        await traced.destroy();
      }
      // Closed so the next arrival meets the same loads.
      await sql`UPDATE interactions SET status = 'abandoned', abandoned_at = now() WHERE id = ${interaction.id}`.execute(
        db,
      );
      perArrival.push(total);
    }
    return perArrival;
  };
  const baseline = await measure(few);
  const measured = await measure(many);
  await client.end();
  console.log(
    JSON.stringify({
      bench: 'routing-arrival-sql',
      arrivals: arrivalCount,
      agents: agentCount,
      statementsMsP50: round(percentile(measured, 50)),
      statementsMsP90: round(percentile(measured, 90)),
      baseline: {
        agents: 50,
        statementsMsP50: round(percentile(baseline, 50)),
        statementsMsP90: round(percentile(baseline, 90)),
      },
      loadAverage1m: await loadAverage1m(),
    }),
  );
} finally {
  await db.destroy();
  await database.drop();
  await server.stop();
}
