// `npm run migrate` (to latest) and `npm run migrate -- --down` (revert the last one).
import { createDb, migrateDown, migrateToLatest } from './database';
import { openAppDatabase } from './app-database';
import { parseDatabaseEnv } from './env';

const down = process.argv.includes('--down');
// A command of its own: it reads the environment itself (DATABASE_URL, PG_DATA_DIR), once, here.
const app = await openAppDatabase(parseDatabaseEnv(process.env));
const db = createDb(app.url, { max: 1 });
try {
  const ran = down ? await migrateDown(db) : await migrateToLatest(db);
  console.log(ran.length ? ran.join('\n') : 'Nothing to migrate: the database is up to date.');
} finally {
  await db.destroy();
  await app.stop();
}
