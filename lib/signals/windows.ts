import { dayIn } from '@/lib/calendar/day-bucket';

export type DayRange = { from: string; to: string };

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The two adjacent windows a signal compares, in whole days of the environment's time zone.
 * Only complete days count: today is still happening, and comparing a half day against full ones
 * would make every account look like it is falling each morning. So "the last 7 days" are the
 * 7 days up to yesterday, and the previous period the 7 before those.
 */
export function comparisonWindows(now: Date, timeZone: string, windowDays: number): { current: DayRange; previous: DayRange } {
  const yesterday = addDays(dayIn(timeZone, now), -1);
  const currentFrom = addDays(yesterday, -(windowDays - 1));
  return {
    current: { from: currentFrom, to: yesterday },
    previous: { from: addDays(currentFrom, -windowDays), to: addDays(currentFrom, -1) },
  };
}

export { addDays };
