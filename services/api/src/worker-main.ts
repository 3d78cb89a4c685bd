// `npm run worker`: Temporal workers apart from the API (run the API with RUN_WORKER=false).
import { parseTemporalEnv } from '@cc/workflows/env';
import { dbEnv } from '@cc/db/env';
import { configureLogging, logger } from '@cc/core/logger';
import { logLevelOf, parseApiEnv } from './env';
import { startWorkerSystem } from './system';

let stop: (() => Promise<void>) | undefined;
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await stop?.().catch((e: unknown) => logger().error({ err: e }, 'stopping the worker failed'));
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
// Logged, never fatal: a dependency that went away mid-call must not end the worker.
process.on('unhandledRejection', (reason) => logger().error({ err: reason }, 'unhandled rejection (still running)'));
process.on('uncaughtException', (e) => {
  logger().fatal({ err: e }, 'uncaught exception: stopping');
  void shutdown(1);
});

try {
  // The embedded PostgreSQL belongs to the API process; a worker apart needs the server's address.
  if (!dbEnv.DATABASE_URL) throw new Error('DATABASE_URL is required: a worker apart uses the API’s database server.');
  const env = parseApiEnv({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' });
  configureLogging({ level: logLevelOf(env), name: 'worker' });
  if (!env.REDIS_URL) logger().warn('REDIS_URL is not set: live updates from this worker will not reach the API’s subscribers (the data is still written).');
  const system = await startWorkerSystem({ api: env, temporal: parseTemporalEnv(), databaseUrl: dbEnv.DATABASE_URL });
  stop = system.stop;
  logger().info({ temporal: system.temporalAddress, taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'contact-center' }, 'worker polling');
} catch (e) {
  logger().fatal({ err: e }, 'start-up failed');
  await shutdown(1);
}
