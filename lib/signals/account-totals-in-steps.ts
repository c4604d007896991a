import { sql } from 'drizzle-orm';

import { dayIn } from '@/lib/calendar/day-bucket';
import type { Db } from '@/lib/db/client';
import type { JobPacing } from '@/lib/db/job-pacing';
import { queryRows } from '@/lib/db/rows';
import { textArray } from '@/lib/db/text-array';
import { isDayClosing } from '@/lib/metrics/day-close';
import type { Metric } from '@/lib/metrics/metrics';

import { insertTotals, needsBuild, readTotalsState, takeMarks } from './account-totals';
import { layoutDepth, layoutKey, totalsLayout } from './window-totals';
import { addDays } from './windows';

// The account totals' heavy work, done before the evaluation's transaction in steps of a bounded
// number of accounts, each committed on its own (lib/db/job-pacing.ts says why and where): a build
// from the rollups, and the recomputation of accounts with late events. The evaluation's refresh
// (refreshAccountTotals) then finds the totals current and few marks left. Each step leaves the
// totals as the refresh could find them: a build that stops halfway is started again (its state is
// written last), and an account's mark is taken in the step that recomputes it.

export type StepProgress = { done: number; total: number };

type Env = { id: number; timeZone: string };

/** The next `limit` accounts with rollups after `after`, in order. */
async function accountsAfter(db: Db, env: number, after: string, limit: number): Promise<string[]> {
  const rows = await queryRows<{ account_id: string }>(
    db,
    sql`select account_id from (
          select distinct account_id from daily_rollups where environment_id = ${env} and account_id > ${after}
          order by account_id limit ${limit}
        ) a order by account_id`,
  );
  return rows.map((r) => r.account_id);
}

async function countAccounts(db: Db, env: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from accounts where environment_id = ${env}`);
  return row?.n ?? 0;
}

/**
 * Builds the totals (when they must be built) or recomputes the marked accounts' (when they are
 * current), step by step. Nothing to do on other days' ticks (a slide or a switch is left to the
 * refresh). `onProgress` hears how far it is.
 */
export async function prepareTotalsInSteps(
  db: Db,
  environment: Env,
  metrics: Metric[],
  now: Date,
  pacing: JobPacing,
  onProgress: (progress: StepProgress) => Promise<void> = async () => {},
): Promise<void> {
  const layout = totalsLayout(metrics);
  const key = layoutKey(layout, environment.timeZone);
  const last = addDays(dayIn(environment.timeZone, now), -1);
  const env = environment.id;
  const state = await readTotalsState(db, env);

  if (!state || needsBuild(state, key, last)) {
    const total = await countAccounts(db, env);
    // Marks written from here on stay for the refresh: the build may have read their rollups before them.
    await db.transaction(async (tx) => {
      await takeMarks(tx, env);
      await tx.execute(sql`delete from signal_account_totals where environment_id = ${env} and as_of = ${last}::date`);
    });
    let after = '';
    let done = 0;
    const sizer = pacing.sizer(250);
    for (;;) {
      const started = performance.now();
      const accounts = await accountsAfter(db, env, after, sizer.size);
      if (accounts.length === 0) break;
      await insertTotals(db, env, layout, last, accounts);
      sizer.took(accounts.length, performance.now() - started);
      done += accounts.length;
      after = accounts[accounts.length - 1] ?? after;
      await onProgress({ done, total: Math.max(total, done) });
      await pacing.pause();
    }
    // Written last: until now the refresh would build them again, as if this had not run.
    await db.transaction(async (tx) => {
      await tx.execute(sql`delete from signal_account_totals where environment_id = ${env} and as_of <> ${last}::date`);
      await tx.execute(sql`
        insert into signal_totals_state (environment_id, as_of, prepared_as_of, layout, evaluated, refreshed_at)
        values (${env}, ${last}::date, null, ${key}, null, now())
        on conflict (environment_id) do update
        set as_of = excluded.as_of, prepared_as_of = null, layout = excluded.layout, evaluated = null, refreshed_at = now()`);
    });
    return;
  }
  // A new day, or the next day's totals prepared (their marks count there too): left to the refresh.
  if (state.as_of !== last || state.prepared_as_of !== null || isDayClosing(environment.timeZone, now)) return;

  // Current totals: the accounts with late events, a step's worth at a time, as the refresh would
  // recompute them (a mark matters if its days reach into the windows).
  const oldest = addDays(last, -(layoutDepth(layout) - 1));
  const [{ n: marked = 0 } = {}] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from late_rollup_accounts where environment_id = ${env}`,
  );
  // Marks that keep coming while this runs are left to the refresh: the loop ends.
  const sizer = pacing.sizer(250);
  for (let done = 0; done < marked;) {
    const started = performance.now();
    const taken = await db.transaction(async (tx) => {
      const marks = await takeMarks(tx, env, sizer.size);
      const accounts = marks.filter((m) => m.first <= last && m.last >= oldest).map((m) => m.account_id);
      if (accounts.length > 0) {
        await tx.execute(sql`
          delete from signal_account_totals
          where environment_id = ${env} and as_of = ${last}::date and account_id = any(${textArray(accounts)})`);
        await insertTotals(tx, env, layout, last, accounts);
        // What the last evaluation found no longer holds for these accounts.
        await tx.execute(sql`update signal_totals_state set evaluated = null where environment_id = ${env}`);
      }
      return marks.length;
    });
    sizer.took(taken, performance.now() - started);
    if (taken === 0) break;
    done += taken;
    await onProgress({ done, total: marked });
    await pacing.pause();
  }
}
