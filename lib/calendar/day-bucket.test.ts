import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { dayIn } from './day-bucket';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];
const direct = (timeZone: string, ms: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));

describe('dayIn', () => {
  it('is the day Intl gives, for any instant in any of these zones (DST, half and quarter hours)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2080-01-01') }),
        (zone, ms) => dayIn(zone, new Date(ms)) === direct(zone, ms) && dayIn(zone, ms) === direct(zone, ms),
      ),
      { numRuns: 5_000 },
    );
  });

  it('changes day exactly at local midnight, a millisecond apart', () => {
    // Kathmandu is UTC+5:45: its midnight is 18:15 UTC.
    expect(dayIn('Asia/Kathmandu', new Date('2026-11-24T18:14:59.999Z'))).toBe('2026-11-24');
    expect(dayIn('Asia/Kathmandu', new Date('2026-11-24T18:15:00.000Z'))).toBe('2026-11-25');
    // Berlin leaves summer time on 2026-10-25: midnight is 22:00 UTC before, 23:00 UTC after.
    expect(dayIn('Europe/Berlin', new Date('2026-10-24T21:59:59.999Z'))).toBe('2026-10-24');
    expect(dayIn('Europe/Berlin', new Date('2026-10-24T22:00:00.000Z'))).toBe('2026-10-25');
    expect(dayIn('Europe/Berlin', new Date('2026-10-25T22:59:59.999Z'))).toBe('2026-10-25');
    expect(dayIn('Europe/Berlin', new Date('2026-10-25T23:00:00.000Z'))).toBe('2026-10-26');
    expect(dayIn('UTC', new Date('2026-11-24T23:59:59.999Z'))).toBe('2026-11-24');
  });

  it('throws on an invalid date, as formatting it would', () => {
    expect(() => dayIn('UTC', new Date(Number.NaN))).toThrow(RangeError);
  });
});
