import { readEnv } from './env';
import { configureLogging, logger } from '@cc/core/logger';
import { startTemporalDevServer } from './server';

// `npm run temporal:dev`: the dev server as its own process, until SIGINT/SIGTERM.
const { logLevel, ...env } = readEnv();
configureLogging({ level: logLevel, name: 'temporal-dev' });
const server = await startTemporalDevServer({
  ...env,
  onFatal: (e) => {
    logger().fatal({ err: e }, 'temporal-dev stopped');
    process.exit(1);
  },
});
// test/support/temporal/dev-process.ts reads the address from this line's `temporalDev`.
logger().info({ temporalDev: server.address, store: env.databaseUrl ? 'postgres' : 'memory', namespaces: env.namespaces }, 'temporal-dev listening');

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
