import { dayIn } from '@/lib/calendar/day-bucket';

export type SeenKind = 'user' | 'account' | 'member';
type Sent = { first: number; last: number; day: string };

/** How far apart two events' times may be for the later one to leave a row alone, here and in SQL. */
export const SEEN_TOLERANCE_MS = 30_000;
const MAX_ENTRIES = 200_000;

/**
 * What this process's ingestion last wrote for each user, account and membership (first and
 * last seen), so the next event of an active user can skip the row without asking the database.
 * The write statement leaves a row alone when its last seen is less than SEEN_TOLERANCE_MS older
 * than the event's; this cache skips it in Node within another SEEN_TOLERANCE_MS of what was sent.
 * Together, last seen stays within a minute of the truth ("kept to the minute", README), and on
 * the right day: a skip needs the event on the same day as what was sent. Correct with several
 * processes: the stored first seen only moves earlier and last seen later, so what one process
 * sent is a bound whatever others write. An event with traits is never skipped.
 *
 * Only for writes that commit with their statement (the group commit's): after a rolled-back
 * transaction the cache would claim rows the database does not have.
 */
export class SeenCache {
  /** By environment and kind ("1:user"), then id: no key to build per row. */
  private readonly sent = new Map<string, Map<string, Sent>>();
  private size = 0;

  /** The rows of one kind in one environment: look them up with `covers`. */
  of(environment: { id: number; timeZone: string }, kind: SeenKind): SeenRows {
    const key = `${environment.id}:${kind}`;
    let rows = this.sent.get(key);
    if (!rows) {
      rows = new Map();
      this.sent.set(key, rows);
    }
    return new SeenRows(rows, environment.timeZone, () => {
      if (++this.size > MAX_ENTRIES) {
        for (const map of this.sent.values()) map.clear();
        this.size = 0;
      }
    });
  }
}

export class SeenRows {
  constructor(
    private readonly rows: Map<string, Sent>,
    private readonly timeZone: string,
    private readonly added: () => void,
  ) {}

  /** True if a row seen from `first` to `last` (and bringing no traits) need not be sent. */
  covers(id: string, first: Date, last: Date): boolean {
    const sent = this.rows.get(id);
    return (
      sent !== undefined &&
      first.getTime() >= sent.first &&
      last.getTime() - sent.last <= SEEN_TOLERANCE_MS &&
      dayIn(this.timeZone, last) === sent.day
    );
  }

  /** Notes a row sent by a write that has committed. */
  remember(id: string, first: Date, last: Date): void {
    if (!this.rows.has(id)) this.added();
    this.rows.set(id, { first: first.getTime(), last: last.getTime(), day: dayIn(this.timeZone, last) });
  }
}
