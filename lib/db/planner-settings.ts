import { sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db/client';

/**
 * Planner settings for the statements that find a cohort's members, for the rest of the
 * transaction. Measured on 1 M users / 20 M events (bench/RESULTS.md, cohorts):
 * - jit off: compiling a member query took ~0.8 s of a 2.7 s preview, for a query that runs once;
 * - random_page_cost 1.1 (Postgres's default 4 models spinning disks): with 4 the planner read the
 *   whole events table (3 GB) in a parallel seq scan rather than the `events_name_time_idx` range
 *   of one event name in N days; with 1.1 it takes the index (2.1 s → 0.7 s);
 * - work_mem 64 MB: the bitmap of ~1 M matching events fits, so no page is rechecked row by row.
 */
export async function usePlannerSettingsForCohorts(tx: Queryable): Promise<void> {
  await tx.execute(sql`select set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true),
    set_config('work_mem', '64MB', true)`);
}
