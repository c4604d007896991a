import { sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';

/**
 * Claims a run of a job if its last one started at least `everyMs` ago. Of several processes
 * asking at once, exactly one gets true (the upsert's condition is checked under the row lock).
 */
export async function claimJobRun(db: Queryable, name: string, everyMs: number, now = new Date()): Promise<boolean> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`insert into scheduled_jobs (name, last_started_at) values (${name}, ${now.toISOString()}::timestamptz)
        on conflict (name) do update set last_started_at = excluded.last_started_at
        where scheduled_jobs.last_started_at <= excluded.last_started_at - (${everyMs} * interval '1 millisecond')
        returning name`,
  );
  return rows.length === 1;
}

export async function recordJobRun(db: Queryable, name: string, outcome: { result?: unknown; error?: string }): Promise<void> {
  await db.execute(
    sql`update scheduled_jobs set last_finished_at = now(), last_result = ${JSON.stringify(outcome.result ?? null)}::jsonb, last_error = ${outcome.error ?? null},
          progress = null, progress_at = null
        where name = ${name}`,
  );
}

/** A run started outside the schedule ("Evaluate now"): it counts as the job's latest run. */
export async function recordJobStarted(db: Queryable, name: string, now = new Date()): Promise<void> {
  await db.execute(
    sql`insert into scheduled_jobs (name, last_started_at) values (${name}, ${now.toISOString()}::timestamptz)
        on conflict (name) do update set last_started_at = excluded.last_started_at`,
  );
}

/** Where the running job is; read by whoever shows its progress (lib/jobs/job-status.ts). */
export async function recordJobProgress(db: Queryable, name: string, progress: unknown): Promise<void> {
  await db.execute(
    sql`update scheduled_jobs set progress = ${JSON.stringify(progress)}::jsonb, progress_at = now() where name = ${name}`,
  );
}
