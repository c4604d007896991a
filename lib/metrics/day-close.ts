import { dayIn } from '@/lib/calendar/day-bucket';

// How ingestion and the signals job agree on when a day is over. The job sums only finished days;
// a write to a day it has already summed leaves a mark (late_rollup_accounts) so the job recomputes that
// account. Writes are marked from 20 minutes before a day's midnight, and the job prepares the next
// day's totals from 10 minutes before it: by then every unmarked write to the day has committed
// (a write takes far less than ten minutes), so the prepared totals miss none of them. The ten
// minutes also cover clocks of the ingesting and the evaluating processes that disagree by less.

const MARKED_FROM_MS = 20 * 60_000;
const PREPARED_FROM_MS = 10 * 60_000;

/** The first day whose writes are not marked: writes to earlier days are late for the signals job. */
export const firstUnmarkedDay = (timeZone: string, at: Date): string => dayIn(timeZone, new Date(at.getTime() + MARKED_FROM_MS));

/** Whether `now` is in the last minutes of its day, when the job prepares the next day's totals. */
export const isDayClosing = (timeZone: string, now: Date): boolean =>
  dayIn(timeZone, new Date(now.getTime() + PREPARED_FROM_MS)) !== dayIn(timeZone, now);
