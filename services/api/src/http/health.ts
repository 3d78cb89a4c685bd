import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'kysely';
import type { Db } from '@cc/db/database';

/** `GET /health`: 200 when the database answers, 503 otherwise (for load balancers and probes). */
export async function handleHealth(db: Db, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  let database = 'up';
  try {
    await sql`SELECT 1`.execute(db);
  } catch {
    database = 'down';
  }
  const ok = database === 'up';
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status: ok ? 'ok' : 'degraded', database }));
}
