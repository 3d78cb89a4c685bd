import { dbEnv } from './env';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded';

/**
 * The PostgreSQL server the process uses: `DATABASE_URL` when set, otherwise an embedded one
 * (started here, stopped by the returned `stop`).
 */
export async function resolvePostgres(log?: (line: string) => void): Promise<RunningPostgres> {
  if (dbEnv.DATABASE_URL) return { url: dbEnv.DATABASE_URL, stop: async () => {} };
  return startEmbeddedPostgres(dbEnv.PG_DATA_DIR, log);
}
