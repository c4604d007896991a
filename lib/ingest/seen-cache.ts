import { dayIn } from './day-bucket';

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
  private readonly sent = new Map<string, Sent>();

  covers(environment: { id: number; timeZone: string }, kind: SeenKind, id: string, first: Date, last: Date): boolean {
    const sent = this.sent.get(`${environment.id}\u0000${kind}\u0000${id}`);
    return (
      sent !== undefined &&
      first.getTime() >= sent.first &&
      last.getTime() - sent.last <= SEEN_TOLERANCE_MS &&
      dayIn(environment.timeZone, last) === sent.day
    );
  }

  remember(environment: { id: number; timeZone: string }, kind: SeenKind, id: string, first: Date, last: Date): void {
    if (this.sent.size >= MAX_ENTRIES) this.sent.clear();
    this.sent.set(`${environment.id}\u0000${kind}\u0000${id}`, {
      first: first.getTime(),
      last: last.getTime(),
      day: dayIn(environment.timeZone, last),
    });
  }
}
