/**
 * The canonical IANA name of a time zone (`europe/madrid` → `Europe/Madrid`), or null when the
 * runtime does not know it. UTC offsets such as `+01:00` are refused: they ignore daylight saving.
 */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed || /^[+-]\d/.test(trimmed)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in milliseconds. */
function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant the local day containing `now` began in `timeZone` (midnight on its wall clock). */
export function startOfLocalDay(now: Date, timeZone: string): Date {
  const local = new Date(now.getTime() + offsetMs(now.getTime(), timeZone));
  const midnightWall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  // The offset at midnight can differ from now's (a daylight-saving change in between).
  const guess = midnightWall - offsetMs(now.getTime(), timeZone);
  return new Date(midnightWall - offsetMs(guess, timeZone));
}
