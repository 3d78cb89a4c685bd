import { describe, expect, it } from 'vitest';
import { nextDay, zonedDay, zonedMidnight } from './zoned-date';

describe('zoned dates', () => {
  it('finds local midnight across DST and in half-hour zones', () => {
    expect(zonedMidnight('2026-10-25', 'Europe/Madrid').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(zonedMidnight('2026-10-26', 'Europe/Madrid').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(zonedMidnight('2026-03-29', 'Europe/Madrid').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(zonedMidnight('2026-06-01', 'Asia/Kolkata').toISOString()).toBe('2026-05-31T18:30:00.000Z');
    expect(zonedMidnight('2026-06-01', 'UTC').toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });
  it('reads the local day of an instant and the next day', () => {
    expect(zonedDay(new Date('2026-10-25T23:30:00Z'), 'Europe/Madrid')).toBe('2026-10-26');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});
