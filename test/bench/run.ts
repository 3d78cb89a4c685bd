// `npm run bench`: every benchmark in turn, each printing one JSON line (each compares itself with
// a baseline measured in the same run).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = ['temporal.ts', 'routing.ts', 'routing-idle.ts', 'routing-arrival-sql.ts', 'push.ts', 'cobrowse.ts', 'interactions-list.ts', 'campaign.ts', 'webhook-triggers.ts', 'segments.ts', 'reports.ts', 'archive.ts'];
let failed = 0;
for (const file of benches) {
  const path = fileURLToPath(new URL(`./${file}`, import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', path, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
