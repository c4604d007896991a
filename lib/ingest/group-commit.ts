import { SeenCache } from '@/lib/accounts/seen-cache';
import type { Db } from '@/lib/db/client';
import { pgErrorCode } from '@/lib/db/pg-error';
import { OverloadedError } from '@/lib/errors';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { type TargetEnvironment, writeEvents } from '@/lib/ingest/write-events';

type Job = { environment: TargetEnvironment; events: IngestEvent[]; resolve: () => void; reject: (error: unknown) => void };

/** Ingestion is at its limit (the write queue, or the memory for bodies being read, is full). */
export class IngestOverloadedError extends OverloadedError {
  constructor() {
    super('The server is busy writing other events. Retry shortly.');
    this.name = 'IngestOverloadedError';
  }
}

const MAX_EVENTS_PER_FLUSH = 5_000;
// A flush costs the database ~1.5 ms however few its events (starting ~20 CTEs, the commit), so
// small flushes are what single-event load pays for. Another writer starts only when this many
// events wait (batch load); and a writer that has just flushed several requests waits a moment
// when fewer than LINGER_BELOW events wait, so those requests' clients can send their next ones:
// flushes of single events then hold about twice as many, for less database time an event. Idle,
// a request is still written at once.
const ANOTHER_WRITER_AT = 200;
const LINGER_BELOW = 40;
const LINGER_MS = 1;
const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

const isRetryable = (error: unknown) => RETRYABLE.has(pgErrorCode(error) ?? '');

/**
 * Group commit: requests queue their events; a writer flushes everything queued as one
 * statement whenever it is free, and each request is answered only after the commit that holds
 * its events. Under load many requests share a commit; when idle a request is written at once.
 * If a flush fails, its requests are written one by one, so one bad request fails alone.
 *
 * `writers` flushes may be in the database at once (on Postgres; PGlite has one connection): while
 * one statement runs, the next flush is prepared and sent. The app gives the writer a connection
 * of its own (lib/db/client.ts, wrapWriter), so they are pipelined there and run one after the
 * other, never waiting on each other's row locks (two writers on two connections do). Another starts only
 * once `anotherWriterAt` events wait (see ANOTHER_WRITER_AT); a third in flight is no faster. On separate connections (other processes, or a pool),
 * flushes lock rows in the same order (each upsert is sorted by key), and a deadlock is retried.
 * A flush that must look up users' accounts (events naming none) first waits for the flushes
 * taken before it, so a group call is seen by the track that follows it, as with one writer.
 */
/**
 * Flushes in flight as the app runs them: two on Postgres, pipelined on the writer's connection
 * (lib/db/client.ts, wrapWriter); one on PGlite, which answers one query at a time.
 */
export function writersFor(kind: 'pglite' | 'postgres'): number {
  return kind === 'postgres' ? 2 : 1;
}

export class GroupCommitWriter {
  private queue: Job[] = [];
  /** Events queued or being flushed (the cap), and those still waiting for a flush. */
  private queuedEvents = 0;
  private waitingEvents = 0;
  private active = 0;
  /** Flushes in the database. */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly writers: number;
  private readonly anotherWriterAt: number;
  private readonly lingerMs: number;
  private readonly maxQueuedEvents: number;
  /** Rows written moments ago, skipped by the next writes (only single-statement writes use it). */
  private readonly seen = new SeenCache();

  constructor(
    private readonly db: () => Promise<Db>,
    options: { writers?: number; anotherWriterAt?: number; lingerMs?: number; maxQueuedEvents?: number } = {},
  ) {
    this.writers = options.writers ?? 1;
    this.anotherWriterAt = options.anotherWriterAt ?? ANOTHER_WRITER_AT;
    this.lingerMs = options.lingerMs ?? LINGER_MS;
    this.maxQueuedEvents = options.maxQueuedEvents ?? 100_000;
  }

  /** Resolves once the events are committed. Throws IngestOverloadedError past the queue's cap. */
  write(environment: TargetEnvironment, events: IngestEvent[]): Promise<void> {
    if (this.queuedEvents + events.length > this.maxQueuedEvents) return Promise.reject(new IngestOverloadedError());
    this.queuedEvents += events.length;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ environment, events, resolve, reject });
      this.waitingEvents += events.length;
      if (this.active === 0 || (this.active < this.writers && this.waitingEvents >= this.anotherWriterAt)) {
        this.active++;
        void this.drain();
      }
    });
  }

  private takeFlush(): Job[] {
    const jobs: Job[] = [];
    let size = 0;
    while (this.queue.length > 0 && (jobs.length === 0 || size + (this.queue[0]?.events.length ?? 0) <= MAX_EVENTS_PER_FLUSH)) {
      const job = this.queue.shift() as Job;
      size += job.events.length;
      jobs.push(job);
    }
    this.waitingEvents -= size;
    return jobs;
  }

  private async drain(): Promise<void> {
    // Requests in this writer's last flush: lingering only pays when others are sending meanwhile;
    // a lone client sending one request after another would just wait.
    let lastFlushRequests = 0;
    try {
      while (this.queue.length > 0) {
        // Let the event loop read the requests that have arrived meanwhile before taking a flush:
        // PGlite answers within the same turn, so without this pause every request would get a
        // transaction of its own.
        await new Promise((resolve) => setImmediate(resolve));
        if (lastFlushRequests > 1 && this.lingerMs > 0 && this.waitingEvents < LINGER_BELOW)
          await new Promise((resolve) => setTimeout(resolve, this.lingerMs));
        const jobs = this.takeFlush();
        if (jobs.length === 0) continue;
        lastFlushRequests = jobs.length;
        const earlier = [...this.inFlight];
        const done = this.flush(jobs, () => Promise.allSettled(earlier).then(() => undefined));
        this.inFlight.add(done);
        try {
          await done;
        } finally {
          this.inFlight.delete(done);
        }
      }
    } finally {
      this.active--;
    }
  }

  private async flush(jobs: Job[], afterEarlierFlushes: () => Promise<void>): Promise<void> {
    try {
      await this.commit(jobs, afterEarlierFlushes);
      for (const job of jobs) job.resolve();
    } catch (error) {
      if (jobs.length === 1) jobs[0]?.reject(error);
      else await this.commitOneByOne(jobs, afterEarlierFlushes);
    } finally {
      this.queuedEvents -= jobs.reduce((n, j) => n + j.events.length, 0);
    }
  }

  private async commitOneByOne(jobs: Job[], afterEarlierFlushes: () => Promise<void>): Promise<void> {
    for (const job of jobs) {
      try {
        await this.commit([job], afterEarlierFlushes);
        job.resolve();
      } catch (error) {
        job.reject(error);
      }
    }
  }

  private async commit(jobs: Job[], beforeAccountLookup: () => Promise<void>): Promise<void> {
    const byEnvironment = new Map<number, { environment: TargetEnvironment; events: IngestEvent[] }>();
    for (const job of jobs) {
      const entry = byEnvironment.get(job.environment.id) ?? { environment: job.environment, events: [] };
      entry.events.push(...job.events);
      byEnvironment.set(job.environment.id, entry);
    }
    const db = await this.db();
    const writes = [...byEnvironment.values()];
    for (let attempt = 1; ; attempt++) {
      try {
        // One environment (the usual case) is one statement, atomic on its own: without BEGIN and
        // COMMIT around it a flush is one round trip instead of three, and each round trip also
        // waits for the event loop, busy with the next requests.
        const [only] = writes;
        if (writes.length === 1 && only)
          await writeEvents(db, only.environment, only.events, { seen: this.seen, beforeAccountLookup });
        else {
          // Waited for before the transaction takes the writer's one connection: an earlier flush
          // that failed still needs it to write its requests one by one.
          await beforeAccountLookup();
          await db.transaction(async (tx) => {
            for (const { environment, events } of writes) await writeEvents(tx, environment, events);
          });
        }
        return;
      } catch (error) {
        if (attempt >= 3 || !isRetryable(error)) throw error;
      }
    }
  }
}
