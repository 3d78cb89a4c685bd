import { describe, expect, it } from 'vitest';
import { campaignEta } from '../src/campaign-eta';
import { defaultQuietHours } from '../src/campaign-rules';

// A fake clock: every case names its "now". December 2026: Madrid is UTC+1, Mexico City UTC−6.
const eta = (now: string, ratePerSecond: number, queued: [string, number][], quietHours = defaultQuietHours) =>
  campaignEta({ now: new Date(now), ratePerSecond, quietHours, queued: queued.map(([timeZone, count]) => ({ timeZone, count })) })?.toISOString() ?? null;

describe('campaignEta', () => {
  it('inside the allowed hours: the queue at the rate', () => {
    // Monday 7 December 2026, 10:00 in Madrid; 600 at 1/s.
    expect(eta('2026-12-07T09:00:00Z', 1, [['Europe/Madrid', 600]])).toBe('2026-12-07T09:10:00.000Z');
  });

  it('stops at the recipients’ 21:00 and carries on at their next weekday’s 09:00 (Friday evening → Monday)', () => {
    // Friday 11 December, 20:30 in Madrid: 1,800 go before 21:00, the other 1,800 from Monday 09:00 (08:00Z).
    expect(eta('2026-12-11T19:30:00Z', 1, [['Europe/Madrid', 3600]])).toBe('2026-12-14T08:30:00.000Z');
  });

  it('started inside quiet hours (a Saturday): nothing before Monday 09:00 on their clock', () => {
    expect(eta('2026-12-12T12:00:00Z', 2, [['Europe/Madrid', 1200]])).toBe('2026-12-14T08:10:00.000Z');
  });

  it('each zone on its own clock: Mexico City keeps sending after Madrid closes; Madrid’s rest waits for its morning', () => {
    // Monday 7 December, 20:30 in Madrid = 13:30 in Mexico City; 1,800 each at 1/s. Both share the rate
    // until Madrid closes at 20:00Z (900 each), Mexico City's other 900 go by 20:15Z, Madrid's from its
    // Tuesday 09:00 (08:00Z) — the last at 08:15Z.
    expect(
      eta('2026-12-07T19:30:00Z', 1, [
        ['Europe/Madrid', 1800],
        ['America/Mexico_City', 1800],
      ]),
    ).toBe('2026-12-08T08:15:00.000Z');
    // Only Mexico City queued: no wait at all.
    expect(eta('2026-12-07T19:30:00Z', 1, [['America/Mexico_City', 1800]])).toBe('2026-12-07T20:00:00.000Z');
  });

  it('the same zone’s recipients in two rows add up', () => {
    expect(eta('2026-12-07T09:00:00Z', 1, [['Europe/Madrid', 300], ['Europe/Madrid', 300]])).toBe('2026-12-07T09:10:00.000Z');
  });

  it('null when nothing is queued or a queued zone never opens', () => {
    expect(eta('2026-12-07T09:00:00Z', 1, [])).toBeNull();
    expect(eta('2026-12-07T09:00:00Z', 1, [['Europe/Madrid', 0]])).toBeNull();
    expect(eta('2026-12-07T09:00:00Z', 1, [['Europe/Madrid', 10]], {})).toBeNull();
  });
});
