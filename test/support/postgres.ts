import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '@cc/db/embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PostgreSQL server (see global-setup.ts). */
    postgresUrl: string;
  }
}

/**
 * The server a test run uses: `DATABASE_URL` when set, otherwise a throwaway embedded PostgreSQL
 * in a temporary directory (removed on stop), so tests never touch the developer's `.data/pg`.
 */
export async function startTestPostgres(): Promise<RunningPostgres> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'cc-test-pg-'));
  chmodSync(dir, 0o755); // the server may run as the `postgres` OS user
  // A generated password kept in the throwaway directory, as `npm start` keeps its own under .data/secrets.
  const server = await startEmbeddedPostgres(join(dir, 'data'), () => {}, { passwordFile: join(dir, 'pg-password') });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, empty database on `serverUrl` for one test file; `drop` removes it. */
export async function createTestDatabase(
  serverUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client(serverUrl);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
