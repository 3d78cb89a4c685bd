import { describe, expect, it } from 'vitest';
import { assertValidBusinessHours, isQueueOpen, isValidTimezone, localTime, startOfLocalDay, type BusinessHours } from '../src/business-hours';

const madrid = (businessHours: BusinessHours | null) => ({ businessHours, timezone: 'Europe/Madrid' });
const weekdaysSplit: BusinessHours = {
  mon: [{ open: '09:00', close: '14:00' }, { open: '16:00', close: '19:00' }],
  fri: [{ open: '09:00', close: '15:00' }],
};

describe('isQueueOpen', () => {
  it('is always open without business hours', () => {
    expect(isQueueOpen(madrid(null), new Date('2026-11-22T03:00:00Z'))).toBe(true);
  });

  it('reads the wall clock of the queue time zone (CET is UTC+1 in November)', () => {
    // Monday 23 November 2026.
    expect(isQueueOpen(madrid(weekdaysSplit), new Date('2026-11-23T07:59:00Z'))).toBe(false);
    expect(isQueueOpen(madrid(weekdaysSplit), new Date('2026-11-23T08:00:00Z'))).toBe(true);
    expect(isQueueOpen(madrid(weekdaysSplit), new Date('2026-11-23T12:59:00Z'))).toBe(true);
    expect(isQueueOpen(madrid(weekdaysSplit), new Date('2026-11-23T13:00:00Z'))).toBe(false);
    expect(isQueueOpen(madrid(weekdaysSplit), new Date('2026-11-23T15:30:00Z'))).toBe(true);
    expect(isQueueOpen(madrid(weekdaysSplit), new Date('2026-11-24T10:00:00Z'))).toBe(false);
  });

  it('follows daylight saving time (CEST is UTC+2 in July)', () => {
    // Monday 6 July 2026, 08:30 local = 06:30Z.
    expect(isQueueOpen(madrid(weekdaysSplit), new Date('2026-07-06T06:30:00Z'))).toBe(false);
    expect(isQueueOpen(madrid(weekdaysSplit), new Date('2026-07-06T07:30:00Z'))).toBe(true);
  });

  it('runs a window that closes before it opens past midnight', () => {
    const night = madrid({ sat: [{ open: '22:00', close: '06:00' }] });
    expect(isQueueOpen(night, new Date('2026-11-28T21:30:00Z'))).toBe(true); // Sat 22:30
    expect(isQueueOpen(night, new Date('2026-11-29T04:00:00Z'))).toBe(true); // Sun 05:00
    expect(isQueueOpen(night, new Date('2026-11-29T05:00:00Z'))).toBe(false); // Sun 06:00
    expect(isQueueOpen(night, new Date('2026-11-28T20:00:00Z'))).toBe(false); // Sat 21:00
  });

  it('treats 24:00 as the end of the day', () => {
    expect(isQueueOpen(madrid({ mon: [{ open: '00:00', close: '24:00' }] }), new Date('2026-11-23T22:59:00Z'))).toBe(true);
  });
});

describe('validation', () => {
  it('refuses bad times, days and empty windows, with the fix in the message', () => {
    expect(() => assertValidBusinessHours({ mon: [{ open: '9:00', close: '17:00' }] })).toThrow(/HH:MM/);
    expect(() => assertValidBusinessHours({ mon: [{ open: '09:00', close: '09:00' }] })).toThrow(/empty/);
    expect(() => assertValidBusinessHours({ monday: [] } as BusinessHours)).toThrow(/weekday/);
    expect(() => assertValidBusinessHours(weekdaysSplit)).not.toThrow();
  });

  it('knows IANA zones', () => {
    expect(isValidTimezone('Europe/Madrid')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
  });
});

describe('local time', () => {
  it('gives weekday and minute in the zone', () => {
    expect(localTime(new Date('2026-11-22T23:30:00Z'), 'Europe/Madrid')).toEqual({ weekday: 'mon', minute: 30 });
  });

  it('finds local midnight, also on a DST change day', () => {
    expect(startOfLocalDay(new Date('2026-11-23T10:00:00Z'), 'Europe/Madrid').toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-11-22T23:30:00Z'), 'Europe/Madrid').toISOString()).toBe('2026-11-22T23:00:00.000Z');
    // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST; midnight was still CET.
    expect(startOfLocalDay(new Date('2026-03-29T20:00:00Z'), 'Europe/Madrid').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-11-23T10:00:00Z'), 'America/New_York').toISOString()).toBe('2026-11-23T05:00:00.000Z');
  });
});
