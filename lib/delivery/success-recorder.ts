import { sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';

import type { ClaimedDelivery } from './claims';

// Successes are most attempts, so a busy worker records them together: everything that succeeded
// within one event-loop turn becomes one statement (one UPDATE an attempt would bound the
// worker's rate by the database's round trips). Each caller still waits for the statement holding its row.

type Success = { delivery: ClaimedDelivery; status: number; latencyMs: number; excerpt: string; done: (error?: unknown) => void };

const MAX_BATCH = 500;

export class SuccessRecorder {
  private pending: Success[] = [];
  private scheduled = false;

  constructor(private readonly db: Queryable) {}

  record(delivery: ClaimedDelivery, outcome: { status: number; latencyMs: number; body: string }): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({
        delivery,
        status: outcome.status,
        latencyMs: outcome.latencyMs,
        excerpt: outcome.body.slice(0, 1000),
        done: (error) => (error ? reject(error) : resolve()),
      });
      if (this.pending.length >= MAX_BATCH) void this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    const rows = JSON.stringify(
      batch.map((s) => ({
        id: s.delivery.id,
        n: s.delivery.attempts,
        c: s.status,
        l: s.latencyMs,
        e: s.excerpt,
        t: s.delivery.isTest,
      })),
    );
    try {
      // Only the worker holding an attempt's claim writes it (the attempts count must still match);
      // a success ends its connection's failure streak (test-sends aside).
      await this.db.execute(sql`
        with r as (select * from jsonb_to_recordset(${rows}::jsonb) as x(id uuid, n int, c int, l int, e text, t boolean)),
        d as (
          update deliveries d set status = 'succeeded', next_attempt_at = null, last_response_code = r.c, last_latency_ms = r.l,
            last_response_excerpt = r.e, last_error = null, updated_at = now()
          from r where d.id = r.id and d.attempts = r.n
          returning d.connection_id, r.t
        )
        update connections c set failing_since = null
        where c.id in (select connection_id from d where not t) and c.failing_since is not null`);
      for (const s of batch) s.done();
    } catch (error) {
      for (const s of batch) s.done(error);
    }
    if (this.pending.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
  }
}
