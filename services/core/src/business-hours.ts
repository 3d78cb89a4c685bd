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

/** The instant the local day containing `now` began in `timezone` (a midnight, DST-aware). */
export function startOfLocalDay(now: Date, timezone: string): Date {
  const offsetAt = (instant: Date): number => {
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
  };
  const offset = offsetAt(now);
  const wall = new Date(now.getTime() + offset);
  const midnightWall = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  // The offset at midnight can differ from now's on a DST change day; correct once.
  const guess = midnightWall - offset;
  return new Date(midnightWall - offsetAt(new Date(guess)));
}
