import { createHash } from 'node:crypto';
import { duration, durationMs, timestampMs, type Msg } from './proto';

/**
 * Schedule specs with Temporal's semantics: structured calendars (every field a list of
 * {start, end, step} ranges, all fields must match, interpreted in the spec's time zone),
 * intervals (every + phase since the epoch), cron strings and string calendars compiled into
 * structured calendars the way the real server does, exclusions, start/end time and jitter.
 * Times have one-second resolution. Time zones come from the platform's IANA database (Intl).
 */

export class SpecError extends Error {}

interface Range {
  start: number;
  end: number;
  step: number;
}
type Field = 'second' | 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'year' | 'dayOfWeek';
const FIELDS: Field[] = ['second', 'minute', 'hour', 'dayOfMonth', 'month', 'year', 'dayOfWeek'];
const LIMITS: Record<Field, [number, number, string]> = {
  second: [0, 59, 'Second'],
  minute: [0, 59, 'Minute'],
  hour: [0, 23, 'Hour'],
  dayOfMonth: [1, 31, 'DayOfMonth'],
  month: [1, 12, 'Month'],
  year: [2000, 2100, 'Year'],
  dayOfWeek: [0, 6, 'DayOfWeek'],
};
const MAX_YEAR = 2100;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

// ---------------------------------------------------------------- canonical form

/** Cron strings and string calendars compiled into structured calendars, validated. Throws SpecError. */
export function canonicalizeSpec(spec: Msg | undefined): Msg {
  const out: Msg = { ...(spec ?? {}) };
  const structured: Msg[] = [...(out.structuredCalendar ?? [])];
  const exclude: Msg[] = [...(out.excludeStructuredCalendar ?? [])];
  const intervals: Msg[] = [...(out.interval ?? [])];
  for (const cal of (out.calendar ?? []) as Msg[]) structured.push(parseCalendar(cal));
  for (const cal of (out.excludeCalendar ?? []) as Msg[]) exclude.push(parseCalendar(cal));
  let cronTz: string | undefined;
  for (const cs of (out.cronString ?? []) as string[]) {
    const parsed = parseCron(cs);
    if (cronTz !== undefined && parsed.tz !== cronTz) throw new SpecError('conflicting timezone names');
    cronTz = parsed.tz;
    if (parsed.calendar) structured.push(parsed.calendar);
    if (parsed.interval) intervals.push(parsed.interval);
  }
  if (cronTz) {
    if (out.timezoneName && out.timezoneName !== cronTz) throw new SpecError('conflicting timezone names');
    out.timezoneName = cronTz;
  }
  delete out.calendar;
  delete out.excludeCalendar;
  delete out.cronString;
  out.structuredCalendar = structured.length ? structured : undefined;
  out.excludeStructuredCalendar = exclude.length ? exclude : undefined;
  out.interval = intervals.length ? intervals : undefined;
  for (const cal of [...structured, ...exclude]) validateCalendar(cal);
  for (const iv of intervals) {
    const every = durationMs(iv.interval);
    const phase = durationMs(iv.phase);
    if (every < 1000) throw new SpecError('interval is too small');
    if (phase < 0) throw new SpecError('phase is negative');
    if (phase >= every) throw new SpecError('phase cannot be greater than Interval');
  }
  if (out.timezoneData && out.timezoneData.length > 0) throw new SpecError('timezone_data is not supported by temporal-dev; use timezone_name');
  zoneOf(out.timezoneName ?? '');
  return out;
}

/** The spec as DescribeSchedule shows it: ranges with end >= start and step >= 1. */
export function cleanSpec(spec: Msg): Msg {
  const clean = (cals: Msg[] | undefined) =>
    cals?.map((cal) => {
      const c: Msg = { ...cal };
      for (const f of FIELDS) {
        if (!cal[f]) continue;
        c[f] = (cal[f] as Msg[]).map((r) => {
          const start = r.start ?? 0;
          return { start, end: Math.max(r.end ?? 0, start), step: r.step > 0 ? r.step : 1 };
        });
      }
      return c;
    });
  return { ...spec, structuredCalendar: clean(spec.structuredCalendar), excludeStructuredCalendar: clean(spec.excludeStructuredCalendar) };
}

function validateCalendar(cal: Msg): void {
  const errs: string[] = [];
  for (const f of FIELDS) {
    const [min, max, name] = LIMITS[f];
    for (const r of (cal[f] ?? []) as Msg[]) {
      const start = r.start ?? 0, end = r.end ?? 0;
      if (start < min || start > max) errs.push(`${name} Start is not in range [${min}-${max}]`);
      if (end !== 0 && (end < start || end > max)) errs.push(`${name} End is before Start or not in range [${min}-${max}]`);
      if ((r.step ?? 0) < 0) errs.push(`${name} has invalid Step`);
    }
  }
  if (errs.length) throw new SpecError(`invalid calendar spec: ${errs.join(', ')}`);
}

function parseCalendar(cal: Msg): Msg {
  return {
    second: parseRanges(cal.second, '0', 0, 59),
    minute: parseRanges(cal.minute, '0', 0, 59),
    hour: parseRanges(cal.hour, '0', 0, 23),
    dayOfMonth: parseRanges(cal.dayOfMonth, '*', 1, 31),
    month: parseRanges(cal.month, '*', 1, 12, MONTHS, 3),
    year: parseRanges(cal.year, '*', 2000, MAX_YEAR),
    dayOfWeek: parseRanges(cal.dayOfWeek, '*', 0, 7, DAYS, 2),
    comment: cal.comment || undefined,
  };
}

function parseCron(cron: string): { calendar?: Msg; interval?: Msg; tz: string } {
  let c = cron.trim();
  let tz = '';
  const m = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(c);
  if (m) [, tz, c] = m as unknown as [string, string, string];
  else if (/^(CRON_)?TZ=/.test(c)) throw new SpecError('malformed expression');
  if (c.startsWith('@every')) {
    const [, spec] = c.split(/\s+/, 2);
    if (!spec) throw new SpecError('malformed expression');
    const [every, phase] = spec.split('/', 2) as [string, string | undefined];
    return { interval: { interval: duration(parseGoDuration(every)), phase: phase ? duration(parseGoDuration(phase)) : undefined }, tz };
  }
  const predefined: Record<string, string> = {
    '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
    '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
  };
  const f = (predefined[c] ?? c).split(/\s+/).filter(Boolean);
  const cal: Msg = {};
  if (f.length === 5) [cal.minute, cal.hour, cal.dayOfMonth, cal.month, cal.dayOfWeek] = f;
  else if (f.length === 6) [cal.minute, cal.hour, cal.dayOfMonth, cal.month, cal.dayOfWeek, cal.year] = f;
  else if (f.length === 7) [cal.second, cal.minute, cal.hour, cal.dayOfMonth, cal.month, cal.dayOfWeek, cal.year] = f;
  else throw new SpecError('CronString does not have 5-7 fields');
  return { calendar: parseCalendar(cal), tz };
}

/** "x", "x-y", "x/step", "x-y/step", "*", comma lists; names for months and weekdays. */
function parseRanges(text: string | undefined, def: string, min: number, max: number, names?: string[], minNameLen = 0): Msg[] {
  const s = (text ?? '').trim() || def;
  // "*" for the year is every year: no range at all (what the real server shows).
  if (s === '*' && min === 2000) return [];
  const value = (v: string, lo: number): number => {
    if (names && v.length >= minNameLen) {
      const i = names.findIndex((n) => n.startsWith(v.toLowerCase()));
      if (i >= 0) {
        const n = names === MONTHS ? i + 1 : i;
        if (n < lo || n > max) throw new SpecError('out of range');
        return n;
      }
    }
    if (!/^\d+$/.test(v)) throw new SpecError('malformed expression');
    const n = Number(v);
    if (n < lo || n > max) throw new SpecError('out of range');
    return n;
  };
  return s.split(',').map((part) => {
    let step = 1;
    let hasStep = false;
    if (part.includes('/')) {
      const parts = part.split('/');
      if (parts.length !== 2 || !/^\d+$/.test(parts[1]!)) throw new SpecError('malformed expression');
      step = Number(parts[1]);
      if (step < 1) throw new SpecError('malformed expression');
      part = parts[0]!;
      hasStep = true;
    }
    // Sunday may be written 7, but "*" is 0-6.
    let start = min, end = names === DAYS ? 6 : max;
    if (part !== '*') {
      if (part.includes('-')) {
        const parts = part.split('-');
        if (parts.length !== 2) throw new SpecError('malformed expression');
        start = value(parts[0]!, min);
        end = value(parts[1]!, start);
      } else {
        start = value(part, min);
        if (!hasStep) end = start;
      }
    }
    const r: Range = { start, end: start === end ? 0 : end, step: step === 1 ? 0 : step };
    return r;
  });
}

function parseGoDuration(s: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/gy;
  let total = 0, pos = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * units[m[2]!]!;
    pos = re.lastIndex;
  }
  if (pos === 0 || pos !== s.length) throw new SpecError(`invalid duration "${s}"`);
  return total;
}

// ---------------------------------------------------------------- time zones

interface Zone {
  /** Offset from UTC in seconds at the instant `t` (unix seconds). */
  offset(t: number): number;
}
const UTC: Zone = { offset: () => 0 };
const zones = new Map<string, Zone>();

function zoneOf(name: string): Zone {
  if (name === '' || name === 'UTC') return UTC;
  let z = zones.get(name);
  if (z) return z;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: name === 'Local' ? undefined : name,
      hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    throw new SpecError(`unknown time zone ${name}`);
  }
  const cache = new Map<number, number>();
  z = {
    offset(t: number): number {
      // Offsets change on whole quarter hours at most: cache per 15 minutes.
      const key = Math.floor(t / 900);
      let o = cache.get(key);
      if (o === undefined) {
        const p: Record<string, number> = {};
        for (const part of fmt.formatToParts(t * 1000)) if (part.type !== 'literal') p[part.type] = Number(part.value);
        o = (Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) / 1000) - t;
        if (cache.size > 10_000) cache.clear();
        cache.set(key, o);
      }
      return o;
    },
  };
  zones.set(name, z);
  return z;
}

/** The instants (unix seconds) at which the wall clock of `zone` reads `local` (0, 1 or 2 of them). */
function instantsOf(zone: Zone, local: number): number[] {
  if (zone === UTC) return [local];
  const out: number[] = [];
  for (const o of new Set([zone.offset(local - 86_400), zone.offset(local + 86_400)])) {
    const t = local - o;
    if (zone.offset(t) === o && !out.includes(t)) out.push(t);
  }
  return out.sort((a, b) => a - b);
}

// ---------------------------------------------------------------- matching

type Matcher = (v: number) => boolean;

function matcher(ranges: Msg[] | undefined, anyWhenEmpty: boolean): Matcher {
  if (!ranges || ranges.length === 0) return () => anyWhenEmpty;
  const values = new Set<number>();
  for (const r of ranges) {
    const step = r.step > 0 ? r.step : 1;
    const start = r.start ?? 0;
    const end = Math.max(r.end ?? 0, start);
    for (let v = start; v <= end; v += step) values.add(v);
  }
  if (values.has(7)) values.add(0); // Sunday as 7 in a weekday range
  return (v) => values.has(v);
}

class Calendar {
  private f: Record<Field, Matcher>;
  private hours: number[];
  private minutes: number[];
  private seconds: number[];

  constructor(cal: Msg, private zone: Zone) {
    this.f = {} as Record<Field, Matcher>;
    for (const k of FIELDS) this.f[k] = matcher(cal[k], k === 'year');
    const list = (m: Matcher, n: number) => Array.from({ length: n }, (_, i) => i).filter(m);
    this.hours = list(this.f.hour, 24);
    this.minutes = list(this.f.minute, 60);
    this.seconds = list(this.f.second, 60);
  }

  matches(t: number): boolean {
    const d = new Date((t + this.zone.offset(t)) * 1000);
    return this.f.year(d.getUTCFullYear()) && this.f.month(d.getUTCMonth() + 1) && this.f.dayOfMonth(d.getUTCDate())
      && this.f.dayOfWeek(d.getUTCDay()) && this.f.hour(d.getUTCHours()) && this.f.minute(d.getUTCMinutes()) && this.f.second(d.getUTCSeconds());
  }

  /** The first matching instant (unix seconds) strictly after `after`, or undefined. */
  next(after: number): number | undefined {
    if (!this.hours.length || !this.minutes.length || !this.seconds.length) return undefined;
    // Walk wall-clock days from the day before `after` (offsets move a local day by at most ±1).
    const startLocal = after + this.zone.offset(after);
    const day0 = Math.floor(startLocal / 86_400) - 1;
    const lastDay = Date.UTC(MAX_YEAR + 1, 0, 1) / 86_400_000;
    for (let day = day0; day < lastDay; day++) {
      const d = new Date(day * 86_400_000);
      const y = d.getUTCFullYear(), mo = d.getUTCMonth() + 1;
      if (!this.f.year(y)) {
        day = Date.UTC(y + 1, 0, 1) / 86_400_000 - 1;
        continue;
      }
      if (!this.f.month(mo)) {
        day = Date.UTC(y, mo, 1) / 86_400_000 - 1;
        continue;
      }
      if (!this.f.dayOfMonth(d.getUTCDate()) || !this.f.dayOfWeek(d.getUTCDay())) continue;
      // Within a day a zone's offset moves by an hour or so: a wall time more than 3 h before
      // `after`'s wall time is not after it.
      const floor = startLocal - 3 * 3600;
      if ((day + 1) * 86_400 < floor) continue;
      for (const h of this.hours) {
        const hourBase = day * 86_400 + h * 3600;
        if (hourBase + 3600 < floor) continue;
        for (const m of this.minutes) {
          if (hourBase + m * 60 + 60 < floor) continue;
          for (const s of this.seconds) {
            for (const t of instantsOf(this.zone, hourBase + m * 60 + s)) if (t > after) return t;
          }
        }
      }
    }
    return undefined;
  }
}

export interface NextTime {
  /** Matching time before jitter (ms). */
  nominal: number;
  /** With jitter (ms). */
  next: number;
}

/** A canonical spec compiled for computing action times. */
export class CompiledSpec {
  private calendars: Calendar[];
  private excludes: Calendar[];
  private intervals: { every: number; phase: number }[];
  private startTime?: number;
  private endTime?: number;
  private jitterMs: number;

  constructor(spec: Msg, private seed: string) {
    const zone = zoneOf(spec.timezoneName ?? '');
    this.calendars = ((spec.structuredCalendar ?? []) as Msg[]).map((c) => new Calendar(c, zone));
    this.excludes = ((spec.excludeStructuredCalendar ?? []) as Msg[]).map((c) => new Calendar(c, zone));
    this.intervals = ((spec.interval ?? []) as Msg[]).map((iv) => ({
      every: Math.max(1, Math.floor(durationMs(iv.interval) / 1000)),
      phase: Math.max(0, Math.floor(durationMs(iv.phase) / 1000)),
    }));
    this.startTime = spec.startTime ? timestampMs(spec.startTime) : undefined;
    this.endTime = spec.endTime ? timestampMs(spec.endTime) : undefined;
    this.jitterMs = durationMs(spec.jitter);
  }

  /** Unix seconds of the next raw match strictly after `after` (seconds). */
  private raw(after: number): number | undefined {
    let min: number | undefined;
    for (const c of this.calendars) {
      const t = c.next(after);
      if (t !== undefined && (min === undefined || t < min)) min = t;
    }
    for (const { every, phase } of this.intervals) {
      const t = (Math.floor((after - phase) / every) + 1) * every + phase;
      if (min === undefined || t < min) min = t;
    }
    return min;
  }

  /** The first action time after `afterMs`, or undefined when the schedule has no more. */
  next(afterMs: number): NextTime | undefined {
    if (this.startTime !== undefined && afterMs < this.startTime) afterMs = this.startTime - 1000;
    let after = Math.floor(afterMs / 1000);
    let nominal: number | undefined;
    for (let guard = 0; guard < 100_000; guard++) {
      nominal = this.raw(after);
      if (nominal === undefined || (this.endTime !== undefined && nominal * 1000 > this.endTime)) return undefined;
      if (!this.excludes.some((x) => x.matches(nominal!))) break;
      after = nominal;
      nominal = undefined;
    }
    if (nominal === undefined) return undefined;
    let maxJitter = this.jitterMs;
    const following = this.raw(nominal);
    if (following !== undefined) maxJitter = Math.min(maxJitter, (following - nominal) * 1000);
    return { nominal: nominal * 1000, next: nominal * 1000 + this.jitter(nominal, maxJitter) };
  }

  /** Deterministic jitter in [0, max) ms from the nominal time and the schedule (like the real server, not the same hash). */
  private jitter(nominal: number, maxMs: number): number {
    if (maxMs <= 0) return 0;
    const h = createHash('sha256').update(`${nominal}:${this.seed}`).digest().readUInt32BE(0);
    return Math.floor((h / 2 ** 32) * maxMs);
  }
}

/** Validates and compiles a spec; SpecError on anything the real server would refuse. */
export function compileSpec(spec: Msg | undefined, seed: string): { canonical: Msg; compiled: CompiledSpec } {
  const canonical = canonicalizeSpec(spec);
  return { canonical, compiled: new CompiledSpec(canonical, seed) };
}
