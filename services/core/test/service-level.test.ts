import { describe, expect, it } from 'vitest';
import { serviceLevelFigures, serviceLevelOutcome } from '../src/service-level';

const t0 = new Date('2026-11-23T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const answered = (s: number) => ({ enqueuedAt: t0, assignedAt: at(s), abandonedAt: null });
const abandoned = (s: number) => ({ enqueuedAt: t0, assignedAt: null, abandonedAt: at(s) });

describe('serviceLevelOutcome', () => {
  it('counts waiting exactly the threshold as in time', () => {
    expect(serviceLevelOutcome(answered(20), 20)).toBe('answered_in_time');
    expect(serviceLevelOutcome(answered(21), 20)).toBe('answered_late');
    expect(serviceLevelOutcome(abandoned(20), 20)).toBe('abandoned_before_threshold');
    expect(serviceLevelOutcome(abandoned(21), 20)).toBe('abandoned_after_threshold');
    expect(serviceLevelOutcome({ enqueuedAt: t0, assignedAt: null, abandonedAt: null }, 20)).toBe('waiting');
  });
});

describe('serviceLevelFigures', () => {
  it('excludes abandons before T from the service level and short abandons from the abandonment rate', () => {
    // 3 answered in time, 1 late, 1 abandoned after T, 1 abandoned before T (10 s), 1 short abandon (2 s).
    const f = serviceLevelFigures([answered(5), answered(10), answered(20), answered(60), abandoned(45), abandoned(10), abandoned(2)], 20);
    expect(f).toMatchObject({ answered: 4, answeredInTime: 3, abandoned: 3, abandonedAfterThreshold: 1, shortAbandons: 1 });
    expect(f.serviceLevelPercent).toBe(60); // 3 ÷ (4 + 1)
    expect(f.averageSpeedOfAnswerSeconds).toBe(23.75); // (5 + 10 + 20 + 60) ÷ 4
    expect(f.abandonmentRatePercent).toBeCloseTo(100 * 2 / 6); // 2 ÷ (4 + 2)
  });

  it('gives nulls, not zeros or NaN, when nothing has happened', () => {
    expect(serviceLevelFigures([], 20)).toMatchObject({ serviceLevelPercent: null, averageSpeedOfAnswerSeconds: null, abandonmentRatePercent: null });
  });
});
