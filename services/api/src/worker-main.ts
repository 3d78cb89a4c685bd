// `npm run worker`: Temporal workers apart from the API (run the API with RUN_WORKER=false).
import { configureLogging, logger } from '@cc/core/logger';
import { ConfigurationError, loadConfig } from './config';
import { logLevelOf } from './env';
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
  // Every variable, parsed once here (the same loader as the API's); passed down typed from here on.
  const config = loadConfig(process.env);
  // The embedded PostgreSQL belongs to the API process; a worker apart needs the server's address.
  const databaseUrl = config.database.DATABASE_URL;
  if (!databaseUrl) throw new ConfigurationError('DATABASE_URL is required: a worker apart uses the API’s database server.');
  const env = config.api;
  configureLogging({ level: logLevelOf(env), name: 'worker' });
  if (!env.REDIS_URL) logger().warn('REDIS_URL is not set: live updates from this worker will not reach the API’s subscribers (the data is still written).');
  const system = await startWorkerSystem({ api: env, temporal: config.temporal, databaseUrl, twilio: { config: config.twilio }, email: config.email, webchat: config.webchat });
  stop = system.stop;
  logger().info({ temporal: system.temporalAddress, taskQueue: config.temporal.TEMPORAL_TASK_QUEUE }, 'worker polling');
} catch (e) {
  // A bad setting is expected, not a bug: its lines (one per variable), without a stack.
  if (e instanceof ConfigurationError) logger().fatal({ problems: e.message.split('\n') }, 'start-up failed: invalid configuration');
  else logger().fatal({ err: e }, 'start-up failed');
  await shutdown(1);
}
