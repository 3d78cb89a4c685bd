import { ensureDatabase } from './database';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded';
import { dbEnv } from './env';

/** The application's database name on the embedded server. */
export const embeddedDatabaseName = 'contact_center';

/**
 * The application database: `DATABASE_URL` as given, or the `contact_center` database on an
 * embedded PostgreSQL started here (created on first run; `stop` shuts it down).
 */
export async function openAppDatabase(log?: (line: string) => void): Promise<RunningPostgres> {
  if (dbEnv.DATABASE_URL) return { url: dbEnv.DATABASE_URL, stop: async () => {} };
  const server = await startEmbeddedPostgres(dbEnv.PG_DATA_DIR, log);
  try {
    return { url: await ensureDatabase(server.url, embeddedDatabaseName), stop: server.stop };
  } catch (e) {
    await server.stop(); // no orphan server holding the data directory
    throw e;
  }
}
