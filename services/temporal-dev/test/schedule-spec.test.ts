import { describe, expect, it } from 'vitest';
import { canonicalizeSpec, cleanSpec, CompiledSpec, SpecError } from '../src/schedule-spec';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const spec = (s: Record<string, unknown>) => new CompiledSpec(canonicalizeSpec(s), 'seed');
const times = (c: CompiledSpec, from: string, n: number) => {
  const out: string[] = [];
  for (let t = at(from); out.length < n; ) {
    const next = c.next(t);
    if (!next) break;
    out.push(iso(next.next)!);
    t = next.next;
  }
  return out;
};
const daily = (hour: number, minute: number) => ({ second: [{ start: 0 }], minute: [{ start: minute }], hour: [{ start: hour }], dayOfMonth: [{ start: 1, end: 31 }], month: [{ start: 1, end: 12 }], dayOfWeek: [{ start: 0, end: 6 }] });

describe('schedule specs (Temporal semantics)', () => {
  it('compiles cron strings like the real server shows them', () => {
    const c = cleanSpec(canonicalizeSpec({ cronString: ['*/15 9-17 1,15 JAN-MAR,OCT 1-5'] }));
    expect(c.structuredCalendar).toEqual([{
      second: [{ start: 0, end: 0, step: 1 }],
      minute: [{ start: 0, end: 59, step: 15 }],
      hour: [{ start: 9, end: 17, step: 1 }],
      dayOfMonth: [{ start: 1, end: 1, step: 1 }, { start: 15, end: 15, step: 1 }],
      month: [{ start: 1, end: 3, step: 1 }, { start: 10, end: 10, step: 1 }],
      year: [],
      dayOfWeek: [{ start: 1, end: 5, step: 1 }],
      comment: undefined,
    }]);
    expect(canonicalizeSpec({ cronString: ['CRON_TZ=Asia/Tokyo @daily'] }).timezoneName).toBe('Asia/Tokyo');
    expect(canonicalizeSpec({ cronString: ['@every 90m/15m'] }).interval).toEqual([{ interval: { seconds: 5400, nanos: 0 }, phase: { seconds: 900, nanos: 0 } }]);
    expect(() => canonicalizeSpec({ cronString: ['* * *'] })).toThrow(SpecError);
    expect(() => canonicalizeSpec({ structuredCalendar: [{ hour: [{ start: 24 }] }] })).toThrow('Hour Start is not in range [0-23]');
    expect(() => canonicalizeSpec({ interval: [{ interval: { seconds: 60 }, phase: { seconds: 60 } }] })).toThrow('phase cannot be greater than Interval');
  });

  it('intervals count from the epoch plus the phase', () => {
    expect(times(spec({ interval: [{ interval: { seconds: 3600 }, phase: { seconds: 300 } }] }), '2026-01-01T10:07:00Z', 2)).toEqual(['2026-01-01T11:05:00.000Z', '2026-01-01T12:05:00.000Z']);
    // A time exactly on the grid is not "after" itself.
    expect(times(spec({ interval: [{ interval: { seconds: 60 } }] }), '2026-01-01T10:00:00Z', 1)).toEqual(['2026-01-01T10:01:00.000Z']);
  });

  it('calendars in a time zone skip a wall time lost to DST and take both copies of a repeated one', () => {
    const madrid = spec({ structuredCalendar: [daily(2, 30)], timezoneName: 'Europe/Madrid' });
    expect(times(madrid, '2026-03-28T12:00:00Z', 1)).toEqual(['2026-03-30T00:30:00.000Z']);
    expect(times(madrid, '2026-10-25T00:00:00Z', 3)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    // Weekdays are the zone's: Monday 00:15 in Tokyo is Sunday in UTC.
    const tokyo = spec({ structuredCalendar: [{ ...daily(0, 15), dayOfWeek: [{ start: 1 }] }], timezoneName: 'Asia/Tokyo' });
    expect(times(tokyo, '2026-06-01T00:00:00Z', 1)).toEqual(['2026-06-07T15:15:00.000Z']);
  });

  it('years, start/end time and exclusions bound the times', () => {
    expect(times(spec({ structuredCalendar: [{ ...daily(8, 0), year: [{ start: 2030 }] }] }), '2026-01-01T00:00:00Z', 1)).toEqual(['2030-01-01T08:00:00.000Z']);
    const bounded = spec({ structuredCalendar: [daily(8, 0)], startTime: { seconds: at('2026-05-03T00:00:00Z') / 1000 }, endTime: { seconds: at('2026-05-04T08:00:00Z') / 1000 } });
    expect(times(bounded, '2026-01-01T00:00:00Z', 5)).toEqual(['2026-05-03T08:00:00.000Z', '2026-05-04T08:00:00.000Z']);
    const hourly = { second: [{ start: 0 }], minute: [{ start: 0 }], hour: [{ start: 0, end: 23 }], dayOfMonth: [{ start: 1, end: 31 }], month: [{ start: 1, end: 12 }], dayOfWeek: [{ start: 0, end: 6 }] };
    const excluded = spec({ structuredCalendar: [hourly], excludeStructuredCalendar: [{ ...hourly, hour: [{ start: 12 }] }] });
    expect(times(excluded, '2026-01-01T10:30:00Z', 2)).toEqual(['2026-01-01T11:00:00.000Z', '2026-01-01T13:00:00.000Z']);
    // An empty field matches nothing (the year excepted).
    expect(spec({ structuredCalendar: [{}] }).next(at('2026-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('jitter is deterministic and stays below the next nominal time', () => {
    const s = { interval: [{ interval: { seconds: 60 } }], jitter: { seconds: 3600 } };
    const a = spec(s).next(at('2026-01-01T00:00:30Z'))!;
    expect(a.nominal).toBe(at('2026-01-01T00:01:00Z'));
    expect(a.next - a.nominal).toBeGreaterThanOrEqual(0);
    expect(a.next - a.nominal).toBeLessThan(60_000);
    expect(spec(s).next(at('2026-01-01T00:00:30Z'))).toEqual(a);
  });
});
