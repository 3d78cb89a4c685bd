import { describe, expect, it } from 'vitest';
import { createFormatters } from './useFormat';

describe('createFormatters', () => {
  it('formats dates in the agent’s time zone and language', () => {
    const es = createFormatters('es', 'Europe/Madrid');
    const en = createFormatters('en', 'America/New_York');
    // 13:05 UTC is 14:05 in Madrid (winter) and 8:05 AM in New York.
    expect(es.dateTime('2026-01-15T13:05:00Z')).toBe('15/1/26, 14:05');
    expect(en.dateTime('2026-01-15T13:05:00Z')).toBe('1/15/26, 8:05 AM');
  });

  it('formats timers, durations, numbers and percentages for the locale', () => {
    const es = createFormatters('es', 'UTC');
    const en = createFormatters('en', 'UTC');
    expect(es.clock(42)).toBe('0:42');
    expect(es.clock(3723)).toBe('1:02:03');
    expect(en.duration(42)).toBe('42 sec');
    expect(es.duration(3720)).toBe('1 h 2 min');
    expect(en.duration(95)).toBe('1 min 35 sec');
    expect(en.duration(120)).toBe('2 min');
    expect(es.number(12345)).toBe('12.345');
    expect(en.number(12345)).toBe('12,345');
    expect(es.percent(87.5)).toBe('87,5\u00a0%');
    expect(en.percent(87.5)).toBe('87.5%');
    expect(en.percent(null)).toBe('—');
  });
});
