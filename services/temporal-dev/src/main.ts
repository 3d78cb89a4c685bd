import { readEnv } from './env';
import { startTemporalDevServer } from './server';

// `npm run temporal:dev`: the dev server as its own process, until SIGINT/SIGTERM.
const env = readEnv();
const server = await startTemporalDevServer({
  ...env,
  onFatal: (e) => {
    console.error(`temporal-dev stopped: ${e.message}`);
    process.exit(1);
  },
});
console.log(JSON.stringify({ temporalDev: server.address, store: env.databaseUrl ? 'postgres' : 'memory', namespaces: env.namespaces }));

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
