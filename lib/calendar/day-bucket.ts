const formatters = new Map<string, Intl.DateTimeFormat>();

// Every UTC offset in use is a whole number of quarter hours, so a time zone's days change only on
// quarter-hour boundaries of UTC: the day of any instant is the day of its quarter hour, worked
// out once. Ingestion asks for the day of every event (and of what it last wrote), and formatting
// a date each time cost more than the rest of preparing a write (Next's server also wraps Date).
const QUARTER_HOUR_MS = 900_000;
const MAX_REMEMBERED = 20_000;
const byQuarterHour = new Map<string, Map<number, string>>();

function format(timeZone: string, at: Date): string {
  if (timeZone === 'UTC') return at.toISOString().slice(0, 10);
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone: the rollups' day. */
export function dayIn(timeZone: string, at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  let days = byQuarterHour.get(timeZone);
  if (!days) {
    days = new Map();
    byQuarterHour.set(timeZone, days);
  }
  let day = days.get(quarter);
  if (day === undefined) {
    // An invalid date throws here, as it always did, and is not remembered.
    day = format(timeZone, new Date(quarter * QUARTER_HOUR_MS));
    if (days.size >= MAX_REMEMBERED) days.clear();
    days.set(quarter, day);
  }
  return day;
}
