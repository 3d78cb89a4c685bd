/**
 * Campaign benchmark: a campaign's durable workflow sending to N recipients (default 10,000)
 * through the real path (snapshot, per-send consent and cap checks, shared pacing, claim, Twilio SDK,
 * record) to a local stand-in for api.twilio.com, timed by arrivals on the wire:
 * - throttled at `--rate` (default 80/s, the sender's default throughput): achieved rate vs configured (target ±2 %);
 * - unthrottled (the sender at 1,000/s or more): messages per second (target ≥ 1,000/s);
 * beside a raw `twilio.messages.create` loop (the SDK alone, same concurrency) to the same stand-in.
 * Prints one JSON line.
 *
 *   npx tsx test/bench/campaign.ts [--count 10000] [--rate 80] [--concurrency 32]
 */
import { parseArgs } from 'node:util';
import { createCampaign } from '@cc/api/campaigns/service';
import { allWeek, campaignDraft } from '../support/campaigns/fixtures';
import { parseApiEnv } from '@cc/api/env';
import { startSystem } from '@cc/api/system';
import { parseTwilioEnv } from '@cc/channels/env';
import { createTwilioClient } from '@cc/channels/twilio/client';
import { replaceTemplates } from '@cc/db/repositories/whatsapp-templates';
import { campaignWorkflowId } from '@cc/workflows/workflows/campaign-signals';
import { parseTemporalEnv } from '@cc/workflows/env';
import { createTestDatabase, startTestPostgres } from '../support/postgres';
import { round } from './stats';
import { startTwilioWire } from './twilio-wire';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '80' },
    concurrency: { type: 'string', default: '32' },
    // Profiling one mode alone (node --cpu-prof): 'throttled' or 'unthrottled'; both by default.
    only: { type: 'string' },
  },
});
const count = Number(values.count);
const rate = Number(values.rate);
const concurrency = Number(values.concurrency);

const accountSid = `AC${'a1'.repeat(16)}`;
// The stand-in for api.twilio.com: the arrival time of each Messages create.
let arrivals: number[] = [];
const wire = await startTwilioWire({
  accountSid,
  onCreate: () => arrivals.push(performance.now()),
  keepAliveMs: 60_000,
});

const from = 'whatsapp:+34910000000';
const config = parseTwilioEnv({
  TWILIO_ACCOUNT_SID: accountSid,
  TWILIO_AUTH_TOKEN: 'bench-auth-token-0123456789',
  TWILIO_WHATSAPP_FROM: from,
  TWILIO_VOICE_NUMBERS: '+34910000001',
})!;
const pg = await startTestPostgres();
const database = await createTestDatabase(pg.url);
const system = await startSystem({
  api: parseApiEnv({
    NODE_ENV: 'test',
    PORT: '0',
    JWT_SECRET: 'c'.repeat(40),
    SERVE_WEB: 'false',
    RUN_WORKER: 'true',
    LOG_LEVEL: 'warn',
    PUSH_MIN_SPACING_SECONDS: '0',
    // The unlimited tier: 100,000+ conversations a day, throughput raised past 1,000/s.
    PUSH_SENDER_RATE_PER_SECOND: '5000',
    PUSH_DAILY_BUSINESS_INITIATED_LIMIT: '1000000',
    CAMPAIGN_SEND_CONCURRENCY: String(concurrency),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  }),
  temporal: parseTemporalEnv({
    TEMPORAL_DEV_PORT: '0',
    ...(process.env.TEMPORAL_ADDRESS ? { TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS } : {}),
  }),
  databaseUrl: database.url,
  temporalStore: 'postgres',
  twilio: { config, httpClient: wire.requestClient() },
});
const { db } = system.services;

// N consented WhatsApp customers, in bulk.
const templateSid = `HX${'4d'.repeat(16)}`;
await replaceTemplates(
  db,
  [
    {
      contentSid: templateSid,
      friendlyName: 'oferta',
      language: 'es',
      body: 'Hola {{1}}, {{2}}',
      variables: { 1: 'a', 2: 'b' },
      types: {},
      approvalStatus: 'approved',
      category: 'MARKETING',
    },
  ],
  new Date(),
);
for (let start = 0; start < count; start += 1000) {
  const n = Math.min(1000, count - start);
  const customers = await db
    .insertInto('customers')
    .values(
      Array.from({ length: n }, (_, i) => ({
        display_name: `Cliente ${start + i}`,
        tags: ['bench'],
        time_zone: 'Europe/Madrid',
        fields: JSON.stringify({ offer: '20 %' }),
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('customer_identities')
    .values(
      customers.map((c, i) => ({
        customer_id: c.id,
        kind: 'whatsapp' as const,
        value: `+3460${String(start + i).padStart(7, '0')}`,
        label: null,
      })),
    )
    .execute();
  await db
    .insertInto('consents')
    .values(
      customers.map((c) => ({
        customer_id: c.id,
        channel: 'whatsapp' as const,
        purpose: 'marketing' as const,
        granted: true,
        source: 'bench',
        evidence: '{}',
        recorded_by_user_id: null,
        message_id: null,
        interaction_id: null,
      })),
    )
    .execute();
}

// Both campaigns go to the same people: the bench is about throughput, not the frequency cap.
const draft = (name: string, ratePerSecond: number) =>
  campaignDraft('bench', {
    name,
    templateSid,
    ratePerSecond,
    frequencyCap: { count: 10, days: 7 },
    quietHours: allWeek,
    startAt: new Date(),
  });

/** Runs one campaign to completion; the sending rate from the first to the last arrival on the wire. */
async function runCampaign(name: string, ratePerSecond: number) {
  arrivals = [];
  const started = performance.now();
  const campaign = await createCampaign(
    system.services.campaigns,
    draft(name, ratePerSecond),
    null,
  );
  const outcome = await system.services.campaigns.temporal.workflow
    .getHandle(campaignWorkflowId(campaign.id))
    .result();
  const sent = arrivals.length;
  const span = (arrivals[sent - 1]! - arrivals[0]!) / 1000;
  // Where a paced run loses time: the pauses between arrivals longer than 250 ms (slice hand-overs).
  const stalls = arrivals.slice(1).map((a, i) => a - arrivals[i]!).filter((gap) => gap > 250);
  return {
    outcome,
    sent,
    stalls: stalls.length,
    stalledSeconds: stalls.reduce((a, b) => a + b, 0) / 1000,
    achieved: (sent - 1) / span,
    wallSeconds: (performance.now() - started) / 1000,
  };
}

// Baseline: the SDK alone, no database, no workflow, the same concurrency, to the same stand-in.
async function rawLoop(n: number) {
  const client = createTwilioClient(config, wire.requestClient());
  arrivals = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        await client.messages.create({
          from,
          to: `whatsapp:+3460${String(i).padStart(7, '0')}`,
          contentSid: templateSid,
          contentVariables: JSON.stringify({ 1: 'Cliente', 2: '20 %' }),
        });
      }
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

const skipped = { outcome: 'skipped', sent: 0, stalls: 0, stalledSeconds: 0, achieved: NaN, wallSeconds: NaN };
const raw = await rawLoop(count);
const throttled =
  values.only === 'unthrottled' ? skipped : await runCampaign('bench throttled', rate);
const unthrottled =
  values.only === 'throttled' ? skipped : await runCampaign('bench unthrottled', 5000);

console.log(
  JSON.stringify({
    bench: 'campaign',
    recipients: count,
    concurrency,
    temporal: system.temporalMode === 'external' ? 'external' : 'embedded/postgres',
    limiter: process.env.REDIS_URL ? 'redis' : 'in-process',
    configured_rate_per_s: rate,
    achieved_rate_per_s: round(throttled.achieved, 2),
    rate_error_pct: round(((throttled.achieved - rate) / rate) * 100, 2),
    throttled_sent: throttled.sent,
    throttled_stalls_over_250ms: throttled.stalls,
    throttled_stalled_s: round(throttled.stalledSeconds, 2),
    throttled_outcome: throttled.outcome,
    unthrottled_per_s: round(unthrottled.achieved),
    unthrottled_sent: unthrottled.sent,
    unthrottled_wall_s: round(unthrottled.wallSeconds),
    raw_sdk_per_s: round(raw),
    unthrottled_over_raw: round(unthrottled.achieved / raw, 2),
    target: 'achieved within ±2 % of configured; unthrottled >= 1000/s',
    load_average_1m: round((await import('node:os')).loadavg()[0]!, 2),
  }),
);

await system.stop();
await wire.close();
await database.drop();
await pg.stop();
process.exit(0);
