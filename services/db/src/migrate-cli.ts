// `npm run migrate` (to latest) and `npm run migrate -- --down` (revert the last one).
import { createDb, migrateDown, migrateToLatest } from './database';
import { openAppDatabase } from './app-database';

const down = process.argv.includes('--down');
const app = await openAppDatabase();
const db = createDb(app.url, { max: 1 });
try {
  const ran = down ? await migrateDown(db) : await migrateToLatest(db);
  console.log(ran.length ? ran.join('\n') : 'Nothing to migrate: the database is up to date.');
} finally {
  await db.destroy();
  await app.stop();
}
