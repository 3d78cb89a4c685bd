// `npm start`: the whole system on embedded defaults. `--dev` serves the console through Vite.
import { join } from 'node:path';
import { openAppDatabase } from '@cc/db/app-database';
import { parseTemporalEnv } from '@cc/workflows/env';
import { parseApiEnv } from './env';
import { seedDemoRouting, seedDemoUsers, seedFirstAdmin } from './seed';
import { repoRoot, startSystem } from './system';

const dev = process.argv.includes('--dev');
const stops: (() => Promise<void>)[] = [];
let stopping = false;

/** Stops what was started, newest first (API and worker, then Temporal, then PostgreSQL), then exits. */
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // A stop that hangs must not keep the process (and its port) forever.
  setTimeout(() => process.exit(code || 1), 30_000).unref();
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
// A promise nobody awaited failed (a dependency went away mid-call): log it; the system keeps serving.
process.on('unhandledRejection', (reason) => console.error(`unhandled rejection (still running): ${describe(reason)}`));
// A thrown error nobody caught leaves state unknown: stop everything, PostgreSQL included, and exit non-zero.
process.on('uncaughtException', (e) => {
  console.error(`fatal: ${describe(e)}`);
  void shutdown(1);
});
function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

try {
  const env = parseApiEnv({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? (dev ? 'development' : 'production') });
  const temporal = parseTemporalEnv();
  const database = await openAppDatabase();
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
    temporal,
    databaseUrl: database.url,
    webDist: env.SERVE_WEB ? join(repoRoot, 'web', 'dist') : undefined,
    fallback,
    onFatal: (e) => {
      console.error(`fatal: ${e.message}`);
      void shutdown(1);
    },
  });
  stops.push(system.stop);

  const rule = '='.repeat(78);
  if (env.SEED_DEMO_USERS) {
    const created = await seedDemoUsers(system.services.db, env.SEED_PASSWORD);
    // Every start, not only the first: known accounts must never go unnoticed in a real deployment.
    console.log(`\n${rule}\n DEMO USERS SEEDED (SEED_DEMO_USERS=true): admin@demo.local, supervisor@demo.local, agent@demo.local`);
    console.log(' For demos and tests only — unset SEED_DEMO_USERS and disable these accounts in production.');
    if (created.length) {
      console.log(' Created now (passwords are shown only this once):');
      for (const u of created) console.log(`  ${u.role.padEnd(10)} ${u.email.padEnd(24)} ${u.password}`);
    }
    console.log(rule);
    await seedDemoRouting(system.services.db, new Date());
  }
  const admin = await seedFirstAdmin(system.services.db, env.FIRST_ADMIN_EMAIL, env.SEED_PASSWORD);
  if (admin) {
    console.log(`\n${rule}\n FIRST ADMINISTRATOR CREATED — this password is shown only this once:`);
    console.log(`  admin      ${admin.email.padEnd(24)} ${admin.password}`);
    console.log(' Sign in, change the password, then create queues, agents and supervisors.');
    console.log(rule);
    await seedDemoRouting(system.services.db, new Date());
  }
  const publicUrl = env.PUBLIC_BASE_URL ?? system.url;
  console.log(`\nConsole  ${publicUrl}/`);
  console.log(`GraphQL  ${publicUrl}/graphql`);
  console.log(`Health   ${publicUrl}/health  (readiness: ${publicUrl}/ready)`);
  console.log(`Temporal ${system.temporalAddress} (${system.temporalMode})`);
  console.log('Press Ctrl-C to stop.\n');
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  await shutdown(1);
}
