import type { Connection, Db } from '@/lib/db/client';

import type { AllowList } from './address-guard';
import { claimDue, claimDueSlack, type ClaimedDelivery } from './claims';
import { OUTBOX_CHANNEL } from './outbox-channel';
import { recordAttempt } from './record-attempt';
import type { RetryOptions, Verdict } from './retry-policy';
import { attemptDelivery, type SendContext } from './send-delivery';
import { SuccessRecorder } from './success-recorder';

export type WorkerOptions = {
  allow: AllowList;
  /** Deliveries in flight at once in this process. */
  concurrency?: number;
  /** How often to look for due deliveries when no notification arrives (retries come due silently). */
  pollMs?: number;
  retry?: RetryOptions;
  slackSpacingMs?: number;
  timeouts?: SendContext['timeouts'];
  /** How long a claim keeps other workers off an attempt (default 60 s; tests shorten it). */
  leaseSeconds?: number;
  /** Told after each attempt is recorded (counts for tools and benchmarks). */
  onRecorded?: (delivery: ClaimedDelivery, verdict: Verdict) => void;
  /** Told when the product turns a connection off (410, five days of failures…). */
  onConnectionDisabled?: (delivery: ClaimedDelivery, reason: string) => void | Promise<void>;
  onError?: (error: unknown) => void;
};

/**
 * Sends the outbox. Wakes on the commit notification of new deliveries (LISTEN/NOTIFY, so in every
 * process), when a send frees a slot, and on a poll for retries that come due. Any number of
 * workers, in one process or many, can run against one database: claims never overlap.
 */
export class DeliveryWorker {
  private running = false;
  private inFlight = new Set<Promise<void>>();
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private loop: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private readonly successes: SuccessRecorder;

  constructor(
    private readonly db: Db,
    private readonly connection: Connection | null,
    private readonly options: WorkerOptions,
  ) {
    this.successes = new SuccessRecorder(db);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.connection) this.unlisten = await listen(this.connection, () => this.wake());
    this.loop = this.run();
  }

  /** Stops claiming, then waits (up to `graceMs`) for the sends in flight to be recorded. */
  async stop(graceMs = 15_000): Promise<void> {
    this.running = false;
    this.wake();
    await this.unlisten?.().catch(() => {});
    await this.loop;
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, graceMs))]);
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Claims and sends what is due now; resolves when those sends are recorded. For tests and tools. */
  async drainOnce(): Promise<number> {
    const claimed = await this.claim(this.options.concurrency ?? 64);
    await Promise.all(claimed.map((d) => this.process(d)));
    return claimed.length;
  }

  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const slack = await claimDueSlack(this.db, this.options.leaseSeconds);
    return [...slack, ...(await claimDue(this.db, Math.max(0, limit - slack.length), this.options.leaseSeconds))];
  }

  private async run(): Promise<void> {
    const concurrency = this.options.concurrency ?? 64;
    const pollMs = this.options.pollMs ?? 1000;
    while (this.running) {
      this.woken = false;
      let claimed: ClaimedDelivery[] = [];
      const free = concurrency - this.inFlight.size;
      if (free > 0) {
        try {
          claimed = await this.claim(free);
        } catch (error) {
          this.options.onError?.(error);
        }
      }
      for (const delivery of claimed) {
        const job = this.process(delivery).finally(() => {
          this.inFlight.delete(job);
          this.wake();
        });
        this.inFlight.add(job);
      }
      // A full claim means more may be due: go again at once. Otherwise sleep until woken.
      if (claimed.length > 0 && claimed.length === free) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
        if (this.woken || !this.running) this.wakeUp();
      });
      this.wakeUp = null;
    }
  }

  private async process(delivery: ClaimedDelivery): Promise<void> {
    try {
      const { outcome, verdict } = await attemptDelivery(delivery, {
        allow: this.options.allow,
        retry: this.options.retry,
        slackSpacingMs: this.options.slackSpacingMs,
        timeouts: this.options.timeouts,
      });
      // A test-send that is redelivered gets this one attempt, never a retry schedule.
      const final: Verdict = delivery.isTest && verdict.kind === 'retry' ? { kind: 'failed' } : verdict;
      if (final.kind === 'succeeded' && outcome.ok) {
        await this.successes.record(delivery, outcome);
      } else {
        const recorded = await recordAttempt(this.db, delivery, outcome, final);
        if (recorded.connectionDisabled) await this.options.onConnectionDisabled?.(delivery, recorded.connectionDisabled);
      }
      this.options.onRecorded?.(delivery, final);
    } catch (error) {
      // attemptDelivery never throws: what failed is recording the attempt (the database is away)
      // or a callback. Unrecorded, the claim's lease runs out and the attempt is made again.
      this.options.onError?.(error);
    }
  }
}

async function listen(connection: Connection, onNotify: () => void): Promise<() => Promise<void>> {
  if (connection.kind === 'pglite') {
    const unsubscribe = await connection.client.listen(OUTBOX_CHANNEL, onNotify);
    return unsubscribe;
  }
  const { unlisten } = await connection.client.listen(OUTBOX_CHANNEL, onNotify);
  return unlisten;
}
