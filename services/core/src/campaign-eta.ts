import { isQueueOpen, type BusinessHours } from './business-hours';
import { nextAllowedTime } from './campaign-rules';

/** Recipients still to send in one time zone. */
export interface QueuedInZone {
  timeZone: string;
  count: number;
}

const stepMs = 15 * 60_000;
/** Beyond this the estimate is not worth giving (a campaign whose hours hardly ever open). */
const horizonMs = 90 * 86_400_000;

/**
 * When the last queued recipient should be sent: sends go at `ratePerSecond`, each recipient only
 * inside the quiet hours' allowed windows on their own zone's clock, so time with every zone closed
 * is skipped to the next opening and a zone that closes mid-campaign waits for its next window.
 * Walks quarter hours (windows are set in whole minutes, almost always on quarters); while several
 * zones are open, they share the rate in proportion to what each has left. Null when nothing is
 * queued, or when some queued zone never opens (or not within 90 days).
 */
export function campaignEta(opts: {
  now: Date;
  ratePerSecond: number;
  quietHours: BusinessHours;
  queued: QueuedInZone[];
}): Date | null {
  const left = new Map<string, number>();
  for (const q of opts.queued) if (q.count > 0) left.set(q.timeZone, (left.get(q.timeZone) ?? 0) + q.count);
  if (!left.size || !(opts.ratePerSecond > 0)) return null;
  const perMs = opts.ratePerSecond / 1000;
  const start = opts.now.getTime();
  let t = start;
  while (left.size) {
    if (t - start > horizonMs) return null;
    const open = [...left.keys()].filter((zone) => isQueueOpen({ businessHours: opts.quietHours, timezone: zone }, new Date(t)));
    if (!open.length) {
      // Every zone with someone left is closed: jump to the first opening among them.
      let next: number | null = null;
      for (const zone of left.keys()) {
        const at = nextAllowedTime(opts.quietHours, zone, new Date(t))?.getTime();
        if (at !== undefined && (next === null || at < next)) next = at;
      }
      if (next === null) return null;
      t = next;
      continue;
    }
    const openLeft = open.reduce((n, zone) => n + left.get(zone)!, 0);
    const stepEnd = Math.floor(t / stepMs) * stepMs + stepMs;
    const capacity = (stepEnd - t) * perMs;
    if (capacity >= openLeft) {
      t += openLeft / perMs;
      for (const zone of open) left.delete(zone);
      continue;
    }
    for (const zone of open) left.set(zone, left.get(zone)! - (capacity * left.get(zone)!) / openLeft);
    t = stepEnd;
  }
  return new Date(Math.ceil(t));
}
