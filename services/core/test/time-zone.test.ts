import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, startOfLocalDay } from '../src/time-zone';

describe('canonicalTimeZone', () => {
  it('accepts IANA names in any case and refuses unknown names and bare offsets', () => {
    expect(canonicalTimeZone('Europe/Madrid')).toBe('Europe/Madrid');
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(canonicalTimeZone('+01:00')).toBeNull();
    expect(canonicalTimeZone(' ')).toBeNull();
  });
});

describe('startOfLocalDay', () => {
  it('finds local midnight, across a daylight-saving change earlier that day', () => {
    // 10:00 in Madrid (winter, UTC+1) began at 23:00 UTC the day before.
    expect(startOfLocalDay(new Date('2026-01-15T09:00:00Z'), 'Europe/Madrid').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    // 29 March 2026: Madrid moves to UTC+2 at 02:00; midnight was still UTC+1.
    expect(startOfLocalDay(new Date('2026-03-29T12:00:00Z'), 'Europe/Madrid').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    // 20:00 in New York is already the next day in UTC.
    expect(startOfLocalDay(new Date('2026-07-02T00:30:00Z'), 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-07-02T00:30:00Z'), 'UTC').toISOString()).toBe('2026-07-02T00:00:00.000Z');
  });
});
