import { ensureDatabase } from './database';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded';
import type { DatabaseEnv } from './env';

/** The application's database name on the embedded server. */
export const embeddedDatabaseName = 'contact_center';

/**
 * The application database: `DATABASE_URL` as given, or the `contact_center` database on an
 * embedded PostgreSQL started here (created on first run; `stop` shuts it down).
 */
export async function openAppDatabase(env: DatabaseEnv, log?: (line: string) => void): Promise<RunningPostgres> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {} };
  const server = await startEmbeddedPostgres(env.PG_DATA_DIR, log);
  try {
    return { url: await ensureDatabase(server.url, embeddedDatabaseName), stop: server.stop };
  } catch (e) {
    await server.stop(); // no orphan server holding the data directory
    throw e;
  }
}
