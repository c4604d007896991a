import { describe, expect, it } from 'vitest';

import { changePct, changeSignalHolds, describeChange } from './compare';
import { comparisonWindows } from './windows';

const fall = { kind: 'decrease' as const };
const rise = { kind: 'increase' as const };
const settings = { thresholdPct: 50, minVolume: 10 };
const compare = (previous: number, current: number) => ({ previous, current, changePct: changePct(previous, current) });

describe('the arithmetic of a change', () => {
  it('is the relative change from the earlier window, and undefined from zero', () => {
    expect(changePct(120, 40)).toBeCloseTo(-66.667, 3);
    expect(changePct(10, 15)).toBe(50);
    expect(changePct(0, 5)).toBeNull();
    expect(changePct(0, 0)).toBeNull();
    expect(changePct(7, 0)).toBe(-100);
  });

  it('fires a fall only past the threshold, strictly', () => {
    expect(changeSignalHolds(fall, settings, compare(100, 40))).toBe(true); // −60%
    expect(changeSignalHolds(fall, settings, compare(100, 50))).toBe(false); // exactly −50%: not "more than"
    expect(changeSignalHolds(fall, settings, compare(100, 120))).toBe(false);
    expect(changeSignalHolds(fall, settings, compare(100, 0))).toBe(true); // went silent
  });

  it('ignores falls from tiny earlier windows (2 → 1 is not −50%)', () => {
    expect(changeSignalHolds(fall, settings, compare(2, 1))).toBe(false);
    expect(changeSignalHolds(fall, settings, compare(9, 0))).toBe(false);
    expect(changeSignalHolds(fall, settings, compare(10, 0))).toBe(true);
    expect(changeSignalHolds(fall, settings, compare(0, 0))).toBe(false); // no activity in either window
  });

  it('fires a rise past the threshold only when the current window has the minimum volume; a rise from zero counts', () => {
    expect(changeSignalHolds(rise, settings, compare(10, 16))).toBe(true); // +60%
    expect(changeSignalHolds(rise, settings, compare(10, 15))).toBe(false); // exactly +50%
    expect(changeSignalHolds(rise, settings, compare(2, 9))).toBe(false); // +350% but only 9
    expect(changeSignalHolds(rise, settings, compare(0, 12))).toBe(true); // from nothing
    expect(changeSignalHolds(rise, settings, compare(0, 3))).toBe(false);
    expect(changeSignalHolds(rise, settings, compare(20, 20))).toBe(false);
  });

  it('explains itself in words', () => {
    expect(describeChange('logins', 7, compare(120, 40))).toBe('logins 120 → 40 (−67%) in the last 7 days');
    expect(describeChange('invited users', 30, compare(0, 12))).toBe('invited users 0 → 12 (new) in the last 30 days');
    expect(describeChange('deleted users', 7, compare(4, 10))).toBe('deleted users 4 → 10 (+150%) in the last 7 days');
  });
});

describe('the windows', () => {
  it('are whole days up to yesterday, and the same number of days before', () => {
    expect(comparisonWindows(new Date('2026-11-24T10:00:00Z'), 'UTC', 7)).toEqual({
      current: { from: '2026-11-17', to: '2026-11-23' },
      previous: { from: '2026-11-10', to: '2026-11-16' },
    });
    expect(comparisonWindows(new Date('2026-03-31T00:00:00Z'), 'UTC', 30)).toEqual({
      current: { from: '2026-03-01', to: '2026-03-30' },
      previous: { from: '2026-01-30', to: '2026-02-28' },
    });
  });

  it("follow the environment's time zone at the day boundary", () => {
    // 23:30 UTC on the 23rd is already the 24th in Tokyo, still the 23rd in New York.
    const at = new Date('2026-11-23T23:30:00Z');
    expect(comparisonWindows(at, 'Asia/Tokyo', 7).current.to).toBe('2026-11-23');
    expect(comparisonWindows(at, 'America/New_York', 7).current.to).toBe('2026-11-22');
    expect(comparisonWindows(at, 'UTC', 7).current.to).toBe('2026-11-22');
  });
});
