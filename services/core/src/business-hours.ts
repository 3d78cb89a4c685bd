export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** One opening span in local time, `HH:MM`; `close` may be `24:00`, or earlier than `open` to run past midnight. */
export interface OpeningWindow {
  open: string;
  close: string;
}

/** Opening windows per local weekday (several allow a split shift); a missing day is closed. */
export type BusinessHours = Partial<Record<Weekday, OpeningWindow[]>>;

export const defaultTimezone = 'Europe/Madrid';

const hhmm = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

function minutes(value: string): number {
  if (!hhmm.test(value)) throw new RangeError(`"${value}" is not a time of day; use HH:MM, e.g. 09:30.`);
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
}

/** Throws a RangeError naming the first bad entry; for input validation before storing. */
export function assertValidBusinessHours(hours: BusinessHours): void {
  for (const [day, windows] of Object.entries(hours)) {
    if (!(weekdays as readonly string[]).includes(day)) throw new RangeError(`"${day}" is not a weekday; use ${weekdays.join(', ')}.`);
    for (const w of windows ?? []) {
      if (minutes(w.open) === minutes(w.close)) throw new RangeError(`${day} ${w.open}–${w.close} is an empty window.`);
    }
  }
}

export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** The weekday and minute of the day that `now` reads as on a wall clock in `timezone`. */
export function localTime(now: Date, timezone: string): { weekday: Weekday; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = part('weekday').toLowerCase() as Weekday;
  return { weekday, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

/**
 * Whether a queue takes contacts at `now`. No business hours means always open. A window whose
 * close is not after its open runs past midnight into the next day (e.g. `22:00`–`06:00`).
 */
export function isQueueOpen(queue: { businessHours: BusinessHours | null; timezone: string }, now: Date): boolean {
  if (!queue.businessHours) return true;
  const { weekday, minute } = localTime(now, queue.timezone);
  const today = weekdays.indexOf(weekday);
  const yesterday = weekdays[(today + 6) % 7] as Weekday;
  for (const w of queue.businessHours[weekday] ?? []) {
    const open = minutes(w.open);
    const close = minutes(w.close);
    if (close > open ? minute >= open && minute < close : minute >= open) return true;
  }
  for (const w of queue.businessHours[yesterday] ?? []) {
    const close = minutes(w.close);
    if (close <= minutes(w.open) && minute < close) return true;
  }
  return false;
}

/** How far `timezone`'s wall clock is ahead of UTC at `instant`, in ms (DST-aware). */
function offsetAt(instant: Date, timezone: string): number {
  const p = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const n = (type: string) => Number(p.find((x) => x.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time (`wallMs`, as if UTC) reads in `timezone`. The offset can differ
 * between the guess and the answer on a DST change day; correcting once settles it (a time that
 * does not exist, inside a spring-forward gap, lands just after the gap).
 */
function wallToInstant(wallMs: number, timezone: string): Date {
  const guess = wallMs - offsetAt(new Date(wallMs), timezone);
  return new Date(wallMs - offsetAt(new Date(guess), timezone));
}

/** The instant the local day containing `now` began in `timezone` (a midnight, DST-aware). */
export function startOfLocalDay(now: Date, timezone: string): Date {
  const wall = new Date(now.getTime() + offsetAt(now, timezone));
  return wallToInstant(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()), timezone);
}

/**
 * When a closed queue next opens: the first window start after `now` in the queue's time zone,
 * DST-aware (each day's opening is read on that day's wall clock). Null when it never opens (no
 * window on any day); `now` itself when it is open (or has no business hours).
 */
export function nextOpening(queue: { businessHours: BusinessHours | null; timezone: string }, now: Date): Date | null {
  if (isQueueOpen(queue, now)) return now;
  const hours = queue.businessHours ?? {};
  const wall = new Date(now.getTime() + offsetAt(now, queue.timezone));
  const midnight = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  // Eight days: today's later windows, then a full week ahead.
  for (let day = 0; day <= 7; day++) {
    const date = midnight + day * 86_400_000;
    const weekday = weekdays[(new Date(date).getUTCDay() + 6) % 7] as Weekday;
    const starts = (hours[weekday] ?? [])
      .map((w) => wallToInstant(date + minutes(w.open) * 60_000, queue.timezone))
      .filter((start) => start > now)
      .sort((a, b) => a.getTime() - b.getTime());
    if (starts[0]) return starts[0];
  }
  return null;
}
