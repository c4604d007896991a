import { eq, sql } from 'drizzle-orm';

import type { Db } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import { cohorts } from '@/lib/db/schema';
import { errorSummary, logError } from '@/lib/log';

import { evaluateCohort } from './evaluate-cohort';

/**
 * Claims the cohorts whose evaluation is due (moving their next time on in the same statement, so
 * no other process takes them) and evaluates each. A failure is kept on the cohort for its page.
 */
export async function runDueCohorts(db: Db, options: { appOrigin: string; limit?: number }): Promise<number> {
  const due = await queryRows<{ id: string }>(
    db,
    sql`
    update cohorts c set next_evaluation_at = now() + make_interval(mins => c.schedule_minutes)
    where c.id in (
      select id from cohorts where next_evaluation_at <= now() order by next_evaluation_at limit ${options.limit ?? 10}
      for update skip locked
    )
    returning c.id`,
  );
  for (const { id } of due) {
    try {
      await evaluateCohort(db, id, { appOrigin: options.appOrigin });
    } catch (error) {
      logError(`Cohort ${id} evaluation failed`, error);
      // Shown on the cohort's page: what went wrong, never the query or its values.
      await db
        .update(cohorts)
        .set({ lastError: errorSummary(error).slice(0, 1000) })
        .where(eq(cohorts.id, id));
    }
  }
  return due.length;
}
