import { type SQL, sql } from 'drizzle-orm';

import { dayIn } from '@/lib/calendar/day-bucket';
import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import { textArray } from '@/lib/db/text-array';
import { isDayClosing } from '@/lib/metrics/day-close';
import type { Metric } from '@/lib/metrics/metrics';

import {
  type AccountTotals,
  anyMetricOf,
  layoutDepth,
  layoutKey,
  metricBit,
  metricMask,
  toAccountTotals,
  type TotalsColumn,
  totalsLayout,
} from './window-totals';
import { addDays } from './windows';

// The account totals (signal_account_totals) hold, per account, every metric's sum over each
// window the signals compare, ending on a finished day ("as of"). Reading them is one row per
// account, where summing 60 days of rollups reads 60 rows per account and metric. They are kept equal to the
// rollups by the evaluation itself, which holds the environment's lock while it refreshes them:
// - in the day's last minutes (lib/metrics/day-close.ts), the next day's totals are prepared beside the
//   current ones: each sum gains the day about to end and loses the one about to leave, so only
//   the boundary days' rollups are read (5 days of 60). At midnight the evaluation switches to
//   them: a new day then costs no more than any other tick (sliding the totals is most of an
//   unprepared midnight tick). Without prepared totals (no tick in those minutes), the
//   first tick of the day slides them itself;
// - late events (a rollup of a summed day changed): ingestion marks (account, day) in
//   late_rollup_accounts in the same statement (lib/metrics/count-events.ts); the marked accounts'
//   totals are recomputed from their rollups in every set they count in, and the marks removed;
// - no totals yet, metrics edited, time zone changed or more than a week missed: rebuilt from the
//   rollups in one pass.
// Totals of days no longer read are deleted by a later tick that neither slides nor prepares.

const MAX_SLIDE_DAYS = 7;

type Env = { id: number; timeZone: string };
/** The days of an account's marks: the first and the last. */
export type Mark = { account_id: string; first: string; last: string };
export type Evaluated = { settings: string; open: number; accounts: number };
export type TotalsState = { as_of: string; prepared_as_of: string | null; layout: string; evaluated: Evaluated | null };

export async function readTotalsState(db: Queryable, env: number): Promise<TotalsState | undefined> {
  const [state] = await queryRows<TotalsState>(
    db,
    sql`select to_char(as_of, 'YYYY-MM-DD') as as_of, to_char(prepared_as_of, 'YYYY-MM-DD') as prepared_as_of, layout, evaluated
        from signal_totals_state where environment_id = ${env}`,
  );
  return state;
}

/** No totals yet, other metrics or time zone, a clock gone back, or more than a week missed: built again from the rollups. */
export function needsBuild(state: TotalsState | undefined, layoutKey: string, last: string): boolean {
  const gap = state ? daysFrom(state.as_of, last) : Number.POSITIVE_INFINITY;
  return !state || state.layout !== layoutKey || gap < 0 || gap > MAX_SLIDE_DAYS;
}
export type TotalsRefresh = {
  kind: 'built' | 'slid' | 'switched' | 'current';
  asOf: string;
  /** The next day's totals, when prepared. */
  prepared: string | null;
  recomputed: number;
  /** What the last evaluation found over these totals (recordEvaluation), if they have not changed since. */
  evaluated: Evaluated | null;
};

const daysFrom = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const between = (from: string, to: string): SQL => sql`day between ${from}::date and ${to}::date`;

/**
 * Brings the environment's account totals up to the last complete day before `now` (and, in the
 * day's last minutes, prepares the next day's). Call it in a transaction.
 */
export async function refreshAccountTotals(
  db: Queryable,
  environment: Env,
  metrics: Metric[],
  now: Date,
): Promise<TotalsRefresh> {
  const layout = totalsLayout(metrics);
  const depth = layoutDepth(layout);
  const key = layoutKey(layout, environment.timeZone);
  const today = dayIn(environment.timeZone, now);
  const last = addDays(today, -1);
  const env = environment.id;

  const marks = await takeMarks(db, env);
  const state = await readTotalsState(db, env);
  const gap = state ? daysFrom(state.as_of, last) : Number.POSITIVE_INFINITY;

  let kind: TotalsRefresh['kind'];
  let prepared: string | null = null;
  let recomputed = 0;
  let changed = true;
  if (!state || needsBuild(state, key, last)) {
    await db.execute(sql`delete from signal_account_totals where environment_id = ${env}`);
    await insertTotals(db, env, layout, last, null);
    kind = 'built';
  } else {
    if (gap === 0) {
      kind = 'current';
      changed = false;
      // Kept while the day is closing; a clock gone back before those minutes prepares it again.
      prepared = state.prepared_as_of === today && isDayClosing(environment.timeZone, now) ? today : null;
    } else if (state.prepared_as_of === last) {
      kind = 'switched';
    } else {
      await slideTotals(db, env, layout, state.as_of, last);
      kind = 'slid';
    }
    // A late change matters to a set if its day was summed into it, or into the set it was slid
    // from (the oldest such day is the current set's first), up to the set's last day.
    const oldest = addDays(state.as_of, -(depth - 1));
    for (const asOf of prepared ? [last, prepared] : [last]) {
      // Recomputing an account whose marks all lie outside [oldest, asOf] would be harmless, only slower.
      const accounts = marks.filter((m) => m.first <= asOf && m.last >= oldest).map((m) => m.account_id);
      if (accounts.length === 0) continue;
      await db.execute(sql`
        delete from signal_account_totals
        where environment_id = ${env} and as_of = ${asOf}::date and account_id = any(${textArray(accounts)})`);
      await insertTotals(db, env, layout, asOf, accounts);
      recomputed = Math.max(recomputed, accounts.length);
      if (asOf === last) changed = true;
    }
  }

  // Prepared after the marks above: marks of today read by this refresh are covered by reading
  // today's rollups now; later ones stay for the next refresh.
  const preparing = !prepared && isDayClosing(environment.timeZone, now);
  if (preparing) {
    await slideTotals(db, env, layout, last, today);
    prepared = today;
  } else if (kind === 'current') {
    await db.execute(sql`
      delete from signal_account_totals
      where environment_id = ${env} and (as_of < ${last}::date or as_of > ${prepared ?? last}::date)`);
  }

  const evaluated = changed ? null : (state?.evaluated ?? null);
  await db.execute(sql`
    insert into signal_totals_state (environment_id, as_of, prepared_as_of, layout, evaluated, refreshed_at)
    values (${env}, ${last}::date, ${prepared}::date, ${key}, ${evaluated ? JSON.stringify(evaluated) : null}::jsonb, now())
    on conflict (environment_id) do update
    set as_of = excluded.as_of, prepared_as_of = excluded.prepared_as_of, layout = excluded.layout,
      evaluated = excluded.evaluated, refreshed_at = excluded.refreshed_at`);
  return { kind, asOf: last, prepared, recomputed, evaluated };
}

/**
 * Records what an evaluation found over the current totals, with the settings it used; null when it
 * left work for the next one (the figures after a new day).
 */
export async function recordEvaluation(db: Queryable, environmentId: number, evaluated: Evaluated | null): Promise<void> {
  await db.execute(sql`
    update signal_totals_state set evaluated = ${evaluated ? JSON.stringify(evaluated) : null}::jsonb
    where environment_id = ${environmentId}`);
}

/** The totals the signals read: those of the environment's current day. */
export const currentTotals = (environmentId: number): SQL =>
  sql`(select account_id, totals from signal_account_totals
      where environment_id = ${environmentId}
        and as_of = (select as_of from signal_totals_state where environment_id = ${environmentId}))`;

/** Every account's totals, as of the last refresh. */
export async function readAccountTotals(db: Queryable, environmentId: number, metrics: Metric[]): Promise<AccountTotals[]> {
  const layout = totalsLayout(metrics);
  // As text: parsing 100k float8[] values in the driver costs more than splitting strings.
  const rows = await queryRows<{ account_id: string; totals: string }>(
    db,
    sql`select account_id, array_to_string(totals, ',') as totals from ${currentTotals(environmentId)} t`,
  );
  return rows.map((r) => toAccountTotals(layout, r.account_id, r.totals.split(',').map(Number)));
}

/**
 * The rollup rows of the layout's metrics on the days `days`, each with the bit mask of the metrics
 * its event counts for (m; a key can be in several metrics) and how many days before `last` it is
 * (d). Worked out once per row, so the sums compare small integers: matching event names and
 * dates in each of the 16 sums took most of a 100k-account build. `offset 0` keeps the planner
 * from copying m and d into every sum.
 */
function metricRows(env: number, layout: TotalsColumn[], last: string, days: SQL, accounts: string[] | null): SQL {
  return sql`(select account_id, count::float8 as v, (${metricMask(layout)}) as m, ${last}::date - day as d
    from daily_rollups
    where environment_id = ${env} and account_id <> '' and ${days} and (${anyMetricOf(layout)})
      ${accounts ? sql`and account_id = any(${textArray(accounts)})` : sql``}
    offset 0)`;
}

const sumWhere = (condition: SQL) => sql`coalesce(sum(v) filter (where ${condition}), 0)`;

/**
 * The totals computed straight from the rollups (all accounts, or the listed ones), inserted. In
 * two steps: first per account, metric mask and span of days between two window edges (a handful
 * of rows per account instead of 60 days of rows), then each window as the sum of its spans.
 */
export async function insertTotals(db: Queryable, env: number, layout: TotalsColumn[], last: string, accounts: string[] | null) {
  const depth = layoutDepth(layout);
  // Every window starts and ends on an edge, so each is a whole number of spans.
  const edges = [...new Set(layout.flatMap((c) => [c.newest, c.oldest + 1]))].filter((e) => e < depth).sort((a, b) => b - a);
  const span = sql.join(
    edges.map((e) => sql`when d >= ${e}::int then ${e}::int`),
    sql` `,
  );
  const sums = layout.map((c) => {
    const bit = metricBit(layout, c);
    return sumWhere(sql`m & ${bit}::int <> 0 and span between ${c.newest}::int and ${c.oldest}::int`);
  });
  const rows = metricRows(env, layout, last, between(addDays(last, -(depth - 1)), last), accounts);
  await db.execute(sql`
    insert into signal_account_totals (environment_id, as_of, account_id, totals)
    select ${env}, ${last}::date, account_id, array[${sql.join(sums, sql`, `)}]::float8[]
    from (select account_id, m, case ${span} end as span, sum(v) as v from ${rows} r group by 1, 2, 3) s
    group by account_id`);
}

/**
 * Writes the totals ending on `to` from those ending on `from`: each sum gains the days now in its
 * window and loses the days no longer in it. Only those days' rollups are read, summed once per
 * metric and day (20 sums for a one-day slide), and each window's change adds and subtracts a
 * few of those: 32 sums over the same rows took twice as long. New rows, not an update of the old
 * ones: the evaluation reads the old ones until it switches to these.
 */
async function slideTotals(db: Queryable, env: number, layout: TotalsColumn[], from: string, to: string) {
  const gap = daysFrom(from, to);
  const sums: SQL[] = [];
  const position = new Map<string, number>();
  const sumOf = (bit: number, d: number) => {
    const key = `${bit}:${d}`;
    if (!position.has(key)) {
      sums.push(sumWhere(sql`m & ${bit}::int <> 0 and d = ${d}::int`));
      position.set(key, sums.length);
    }
    return sql.raw(`j.x[${position.get(key)}]`);
  };
  const slid = layout.map((c, i) => {
    const bit = metricBit(layout, c);
    // In days before `to`: the window now covers newest..oldest, before the slide newest+gap..oldest+gap.
    const terms: SQL[] = [];
    for (let d = c.newest; d <= c.oldest + gap; d++) {
      const inNow = d <= c.oldest;
      const inBefore = d >= c.newest + gap;
      if (inNow && !inBefore) terms.push(sql` + ${sumOf(bit, d)}`);
      if (inBefore && !inNow) terms.push(sql` - ${sumOf(bit, d)}`);
    }
    return sql`${sql.raw(`j.t[${i + 1}]`)}${sql.join(terms, sql``)}`;
  });
  const days = [...new Set([...position.keys()].map((k) => addDays(to, -Number(k.split(':')[1]))))];
  const rows = metricRows(env, layout, to, sql`day = any(${`{${days.join(',')}}`}::date[])`, null);
  const zeros = (n: number) => sql`array_fill(0::float8, array[${n}::int])`;
  // Left from an abandoned preparation, if any.
  await db.execute(sql`delete from signal_account_totals where environment_id = ${env} and as_of = ${to}::date`);
  // Accounts whose every window emptied are left out, as a rebuild would not list them.
  await db.execute(sql`
    insert into signal_account_totals (environment_id, as_of, account_id, totals)
    select ${env}, ${to}::date, account_id, totals from (
      select j.account_id, array[${sql.join(slid, sql`, `)}]::float8[] as totals
      from (
        select coalesce(t.account_id, s.account_id) as account_id,
          coalesce(t.totals, ${zeros(layout.length)}) as t, coalesce(s.x, ${zeros(sums.length)}) as x
        from (select account_id, totals from signal_account_totals where environment_id = ${env} and as_of = ${from}::date) t
        full join (
          select account_id, array[${sql.join(sums, sql`, `)}]::float8[] as x from ${rows} r group by account_id
        ) s on s.account_id = t.account_id
      ) j
    ) n
    where not 0 = all(totals)`);
}

/**
 * Takes (deletes) the environment's marks of late events (the first `limit` accounts', if given):
 * for each account, the first and last day marked. Taken before the totals are read: a mark written after this stays for the next refresh,
 * and one a write is widening now waits for this transaction and is written again after it.
 * Locked in account order, as ingestion takes them, so the two never wait on each other in a
 * circle.
 */
export async function takeMarks(db: Queryable, env: number, limit?: number): Promise<Mark[]> {
  return queryRows<Mark>(
    db,
    sql`
    with locked as (
      select account_id from late_rollup_accounts where environment_id = ${env} order by account_id
      ${limit === undefined ? sql`` : sql`limit ${limit}`} for update
    )
    delete from late_rollup_accounts r using locked l
    where r.environment_id = ${env} and r.account_id = l.account_id
    returning r.account_id, to_char(r.first_day, 'YYYY-MM-DD') as first, to_char(r.last_day, 'YYYY-MM-DD') as last`,
  );
}
