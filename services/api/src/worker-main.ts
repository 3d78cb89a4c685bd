// `npm run worker`: Temporal workers apart from the API (run the API with RUN_WORKER=false).
import { parseTemporalEnv } from '@cc/workflows/env';
import { dbEnv } from '@cc/db/env';
import { parseApiEnv } from './env';
import { startWorkerSystem } from './system';

let stop: (() => Promise<void>) | undefined;
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await stop?.().catch((e) => console.error(e));
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
const describe = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));
// Logged, never fatal: a dependency that went away mid-call must not end the worker.
process.on('unhandledRejection', (reason) => console.error(`unhandled rejection (still running): ${describe(reason)}`));
process.on('uncaughtException', (e) => {
  console.error(`fatal: ${describe(e)}`);
  void shutdown(1);
});

try {
  // The embedded PostgreSQL belongs to the API process; a worker apart needs the server's address.
  if (!dbEnv.DATABASE_URL) throw new Error('DATABASE_URL is required: a worker apart uses the API’s database server.');
  const env = parseApiEnv({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' });
  if (!env.REDIS_URL) console.warn('REDIS_URL is not set: live updates from this worker will not reach the API’s subscribers (the data is still written).');
  const system = await startWorkerSystem({ api: env, temporal: parseTemporalEnv(), databaseUrl: dbEnv.DATABASE_URL });
  stop = system.stop;
  console.log(`Worker polling ${system.temporalAddress} (task queue ${process.env.TEMPORAL_TASK_QUEUE ?? 'contact-center'})`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  await shutdown(1);
}
