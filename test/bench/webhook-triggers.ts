/**
 * Outbound webhooks' cost on the paths that announce (issue 20). In its own throwaway database:
 * the time of one transaction that appends a timeline step (`offered`, announced as
 * interaction.offered) or inserts an inbound message (message.received), in three modes taken in
 * turns — baseline: the same transaction with the webhook triggers disabled (ALTER TABLE, between turns);
 * no endpoint: triggers on, nobody subscribed (what every install without integrators pays);
 * subscribed: one enabled endpoint wants the type (event, delivery and workflow start written).
 * Prints one JSON line (p50/p99 in microseconds per mode, and the overhead over the baseline).
 *
 *   npx tsx test/bench/webhook-triggers.ts [--samples 2000]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { createDb, migrateToLatest } from '@cc/db/database';
import type { Database } from '@cc/db/schema';
import { recordInteractionEvent } from '@cc/db/repositories/interaction-events';
import { createTestDatabase, startTestPostgres } from '../support/postgres';
import { percentile, round } from './stats';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '2000' } } });
const samples = Number(values.samples);
const modes = ['baseline', 'noEndpoint', 'subscribed'] as const;
type Mode = (typeof modes)[number];

const pg = await startTestPostgres();
const database = await createTestDatabase(pg.url);
const db = createDb(database.url, { max: 2 });
const result: Record<string, unknown> = { bench: 'webhook-triggers', samples };
try {
  await migrateToLatest(db);
  const queue = (await sql<{ id: string }>`insert into queues (name, channels, required_skills, sla_target_seconds) values ('Q', array['whatsapp'], '{}', 20) returning id`.execute(db)).rows[0]!.id;
  const customer = (await sql<{ id: string }>`insert into customers (display_name) values (null) returning id`.execute(db)).rows[0]!.id;
  const interaction = (
    await sql<{ id: string }>`insert into interactions (channel, customer_id, queue_id, priority, status, context, enqueued_at) values ('whatsapp', ${customer}, ${queue}, 0, 'queued', '{}', now()) returning id`.execute(db)
  ).rows[0]!.id;
  let n = 0;
  const ops: Record<string, (trx: Kysely<Database>) => Promise<unknown>> = {
    timelineStep: (trx) => recordInteractionEvent(trx, { interactionId: interaction, type: 'offered', actor: { type: 'system', id: null }, data: { offerId: crypto.randomUUID(), agentId: null }, at: new Date() }),
    inboundMessage: (trx) =>
      trx
        .insertInto('messages')
        .values({ interaction_id: interaction, customer_id: customer, direction: 'inbound', channel: 'whatsapp', agent_id: null, body: 'hola', media: null, location: null, provider: 'bench', provider_message_id: `m${++n}`, delivery_status: 'received', error_code: null })
        .execute(),
  };
  const endpointsFor = async (mode: Mode) => {
    const toggle = sql.raw(mode === 'baseline' ? 'disable' : 'enable');
    await sql`alter table interaction_events ${toggle} trigger interaction_events_webhooks`.execute(db);
    await sql`alter table messages ${toggle} trigger messages_webhooks_insert`.execute(db);
    await sql`delete from webhook_endpoints`.execute(db);
    if (mode === 'subscribed') {
      await sql`insert into webhook_endpoints (url, event_types, secret) values ('https://bench.invalid/h', array['interaction.offered', 'message.received'], 'whsec_AAAA')`.execute(db);
    }
  };
  for (const [name, op] of Object.entries(ops)) {
    const times: Record<Mode, number[]> = { baseline: [], noEndpoint: [], subscribed: [] };
    // Modes in turns of 100, so drift (autovacuum, the machine's other load) falls on all three alike.
    for (let round0 = 0; round0 < samples / 100; round0++) {
      for (const mode of modes) {
        await endpointsFor(mode);
        for (let i = 0; i < 100; i++) {
          const t0 = performance.now();
          await db.transaction().execute(op);
          times[mode].push((performance.now() - t0) * 1000);
        }
      }
    }
    const p = (m: Mode, q: number) => round(percentile(times[m], q), 0);
    result[name] = Object.fromEntries(modes.map((m) => [m, { p50Us: p(m, 50), p99Us: p(m, 99) }]));
    result[`${name}OverheadP50Us`] = { noEndpoint: p('noEndpoint', 50) - p('baseline', 50), subscribed: p('subscribed', 50) - p('baseline', 50) };
  }
  result.loadAverage = loadavg().map((l) => round(l, 2));
} finally {
  await db.destroy();
  await database.drop();
  await pg.stop();
}
console.log(JSON.stringify(result));
