// `npm start`: the whole system on embedded defaults. `--dev` serves the console through Vite.
import { join } from 'node:path';
import { openAppDatabase } from '@cc/db/app-database';
import { configureLogging, logger } from '@cc/core/logger';
import { ConfigurationError, loadConfig } from './config';
import { logLevelOf } from './env';
import { seedDemoRouting, seedDemoUsers, seedFirstAdmin } from './seed';
import { repoRoot, startSystem } from './system';
import { printAddresses, printDemoUsersBanner, printFirstAdminBanner } from './start-banner';

const dev = process.argv.includes('--dev');
const stops: (() => Promise<void>)[] = [];
let stopping = false;

/** Stops what was started, newest first (API and worker, then Temporal, then PostgreSQL), then exits. */
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // A stop that hangs must not keep the process (and its port) forever.
  setTimeout(() => process.exit(code || 1), 30_000).unref();
  for (const stop of stops.reverse()) await stop().catch((e: unknown) => logger().error({ err: e }, 'stopping a part of the system failed'));
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
// A promise nobody awaited failed (a dependency went away mid-call): log it; the system keeps serving.
process.on('unhandledRejection', (reason) => logger().error({ err: reason }, 'unhandled rejection (still running)'));
// A thrown error nobody caught leaves state unknown: stop everything, PostgreSQL included, and exit non-zero.
process.on('uncaughtException', (e) => {
  logger().fatal({ err: e }, 'uncaught exception: stopping');
  void shutdown(1);
});

try {
  // Every variable, parsed once here (a bad one stops start-up, named); passed down typed from here on.
  const config = loadConfig(process.env, { defaultNodeEnv: dev ? 'development' : 'production' });
  const env = config.api;
  configureLogging({ level: logLevelOf(env), name: 'api' });
  const database = await openAppDatabase(config.database);
  stops.push(database.stop);

  let fallback;
  if (dev) {
    const { createServer } = await import('vite');
    const vite = await createServer({ root: join(repoRoot, 'web'), server: { middlewareMode: true } });
    stops.push(() => vite.close());
    fallback = vite.middlewares;
  }
  const system = await startSystem({
    api: env,
    temporal: config.temporal,
    databaseUrl: database.url,
    twilio: { config: config.twilio },
    email: config.email,
    webchat: config.webchat,
    webDist: env.SERVE_WEB ? join(repoRoot, 'web', 'dist') : undefined,
    fallback,
    onFatal: (e) => {
      logger().fatal({ err: e }, 'a part of the system failed for good: stopping');
      void shutdown(1);
    },
  });
  stops.push(system.stop);

  const log = logger();
  if (env.SEED_DEMO_USERS) {
    const created = await seedDemoUsers(system.services.db, env.SEED_PASSWORD);
    // Every start, not only the first: known accounts must never go unnoticed in a real deployment.
    printDemoUsersBanner(created);
    log.warn({ accounts: ['admin@demo.local', 'supervisor@demo.local', 'agent@demo.local'] }, 'demo users seeded (SEED_DEMO_USERS=true)');
    await seedDemoRouting(system.services.db, new Date());
  }
  const admin = await seedFirstAdmin(system.services.db, env.FIRST_ADMIN_EMAIL, env.SEED_PASSWORD);
  if (admin) {
    printFirstAdminBanner(admin);
    log.warn({ email: admin.email }, 'first administrator created; its one-time password was printed on the terminal');
    await seedDemoRouting(system.services.db, new Date());
  }
  const publicUrl = env.PUBLIC_BASE_URL ?? system.url;
  printAddresses(publicUrl, `${system.temporalAddress} (${system.temporalMode})`);
  log.info({ console: `${publicUrl}/`, temporal: system.temporalAddress }, 'contact center ready');
} catch (e) {
  // A bad setting is expected, not a bug: its lines (one per variable), without a stack.
  if (e instanceof ConfigurationError) logger().fatal({ problems: e.message.split('\n') }, 'start-up failed: invalid configuration');
  else logger().fatal({ err: e }, 'start-up failed');
  await shutdown(1);
}
