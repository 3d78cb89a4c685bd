import { sql } from 'kysely';
import type { Db } from '../database';

/** Readiness: PostgreSQL answers a query (throws when it does not). */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
