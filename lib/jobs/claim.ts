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
    sql`update scheduled_jobs set last_finished_at = now(), last_result = ${JSON.stringify(outcome.result ?? null)}::jsonb, last_error = ${outcome.error ?? null}
        where name = ${name}`,
  );
}
