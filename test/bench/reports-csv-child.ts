/**
 * The reports bench's CSV export in a process of its own (test/bench/reports.ts spawns it), so its
 * RSS growth is the export's alone, not the leftovers of the report runs before it in one heap.
 * Streams the one-row-per-interaction CSV of [from, to) into a sink and prints one JSON line.
 *
 *   node --import tsx test/bench/reports-csv-child.ts <database url> <from ISO> <to ISO>
 */
import { Writable } from 'node:stream';
import { createDb } from '@cc/db/database';
import { writeInteractionsCsv } from '@cc/api/reports/csv';
import { round } from './stats';

const [url, from, to] = process.argv.slice(2);
const db = createDb(url!, { max: 1 });
try {
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  let bytes = 0;
  let lines = 0;
  // RSS once the first 100,000 rows are through (V8's young generation has grown to its working size).
  let rssAfter100k = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
      if (!rssAfter100k && lines >= 100_000) rssAfter100k = process.memoryUsage().rss;
      done();
    },
  });
  const t0 = performance.now();
  await writeInteractionsCsv(db, { from: new Date(from!), to: new Date(to!), queueIds: null, channels: null, agentIds: null, figure: null }, sink);
  clearInterval(sampler);
  console.log(
    JSON.stringify({
      rows: lines - 1,
      megabytes: round(bytes / 1e6),
      seconds: round((performance.now() - t0) / 1000),
      rssGrowthMb: round((peak - rss0) / 1e6),
      rssGrowthAfter100kRowsMb: rssAfter100k ? round((peak - rssAfter100k) / 1e6) : null,
    }),
  );
} finally {
  await db.destroy();
}
