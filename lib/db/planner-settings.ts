import { sql } from 'drizzle-orm';

import type { Queryable } from './client';

/**
 * Planner settings for the transaction of a large analytical statement (a cohort's members, the
 * signals job's totals), for the rest of that transaction only:
 * - jit off: compiling is a large share of a cohort preview or a slide of the signals' account
 *   totals, for statements that each run once;
 * - work_mem 64 MB: a bitmap of ~1 M matching events, or a hash aggregate over 100k accounts,
 *   stays in memory instead of rechecking pages or spilling to disk;
 * - with `cheapRandomReads`, random_page_cost 1.1 (Postgres's default 4 models spinning disks):
 *   with 4 the planner reads the whole events table in a parallel seq scan rather than the
 *   `events_name_time_idx` range of one event name in N days. Only for the cohorts' event ranges:
 *   for the signals' 60-day totals it chooses an index scan of millions of rollup rows spread over
 *   the table, where a bitmap or seq scan takes a fraction of the time.
 */
export async function applyAnalyticsPlannerSettings(tx: Queryable, options: { cheapRandomReads?: boolean } = {}): Promise<void> {
  const randomReads = options.cheapRandomReads ? sql`, set_config('random_page_cost', '1.1', true)` : sql``;
  await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)${randomReads}`);
}
