import { Kysely, Migrator, PostgresDialect, type LogConfig, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { logger } from '@cc/core/logger';
import { migrations } from './migrations/index';
import { PreparingClient } from './prepared';
import { typeParsers } from './type-parsers';
import type { Database } from './schema';

export type Db = Kysely<Database>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against whatever schema exists
type AnyDb = Kysely<any>;

export interface DbOptions {
  max?: number;
  /** Kysely's query log (tests and benches count statements with it). */
  log?: LogConfig;
}

export function createDb(url: string, options: DbOptions = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types: typeParsers, Client: PreparingClient });
  // An idle client dropped by the server (restart, failover) must not crash the process: the pool
  // discards it and the next query opens a new connection.
  // A server stopping (57P01 admin_shutdown: our own Ctrl-C, a restart) is expected: not a warning.
  pool.on('error', (e) => {
    const log = logger({ component: 'postgres' });
    if ((e as { code?: string }).code === '57P01') log.debug({ reason: e.message }, 'idle connection closed by the server');
    else log.warn({ reason: e.message }, 'idle connection lost');
  });
  // The pool listens only while a client is idle: one checked out (inside a transaction, between
  // its statements) whose connection the server ends would throw an uncaught 'error'. The query
  // in flight, if any, still fails on its own; the broken client is discarded on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }), log: options.log });
}

function migrator(db: AnyDb): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).map((r) => `${r.direction} ${r.migrationName}`);
}

/** Runs every pending migration; returns what ran. */
export async function migrateToLatest(db: AnyDb): Promise<string[]> {
  return unwrap(await migrator(db).migrateToLatest());
}

/** Reverts the most recent migration; returns what ran. */
export async function migrateDown(db: AnyDb): Promise<string[]> {
  return unwrap(await migrator(db).migrateDown());
}

/** Creates `name` on the server at `serverUrl` unless it exists; returns its connection string. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client(serverUrl);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
