import { afterAll, beforeAll, inject } from 'vitest';
import { createDb, migrateToLatest, type Db } from '@cc/db/database';
import { createTestDatabase } from './postgres';

/**
 * A migrated, empty application database for the calling test file, on the run's PostgreSQL
 * server; dropped after the file. Read `.db` / `.url` inside tests or hooks.
 */
export function useAppDatabase(options: { migrate?: boolean } = {}): { db: Db; url: string } {
  const handle = {} as { db: Db; url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    const created = await createTestDatabase(inject('postgresUrl'));
    handle.url = created.url;
    handle.drop = created.drop;
    handle.db = createDb(created.url);
    if (options.migrate !== false) await migrateToLatest(handle.db);
  });
  afterAll(async () => {
    await handle.db?.destroy();
    await handle.drop?.();
  });
  return handle;
}
