import { type SQL, sql } from 'drizzle-orm';

import type { Db, Queryable } from '@/lib/db/client';
import { applyAnalyticsPlannerSettings } from '@/lib/db/planner-settings';
import { queryRows } from '@/lib/db/rows';
import { textArray } from '@/lib/db/text-array';
import { isActivityEvent } from '@/lib/events/product-events';

import { type Metric, metricMatches } from './metrics';

// The environment-wide Signals dashboard reads summaries instead of every account's rollups (a
// 90-day view would read a rollup row per account, event name and day). They are kept at ingestion, in the statement
// that writes the rollups (./count-events.ts), counting only the events that were new, so
// they are exact and live, today and late events for old days included, for any range:
// - environment_daily_totals: events per (day, event name) over all accounts → the activity sums
//   and the time series (a few hundred rows for 180 days);
// - account_activity, one row per account → "active accounts" and the top accounts by invites.
//   Active accounts are *distinct* accounts over a range (one active on 30 days counts once), which
//   no per-day count can give, and accounts.first/last_seen_at cannot either (an account seen before
//   and after a range may have no event in it). So each account keeps its active days as bits (bit i
//   = first_day + i; one bit a day) and its invites as running totals on the days it had some:
//   a range's invites are two binary searches (width_bucket), its activity a substring of bits.
//   Merging is OR and addition, which commute, so concurrent writers (row locks) stay exact.
// - environment_active_days: accounts active on a day, by how many days before their previous
//   active day was (0: none) → "active accounts" over any range without reading every account:
//   an account is active in [from, to] exactly once with a previous active day before `from`. The
//   upsert into account_activity records the days it added to the locked row (added_days), and the
//   same statement turns them into changes of those counts (activeDayChanges), so they stay exact
//   with concurrent writers too.
// What counts as an invite is the invited_users metric's keys as of the last build (the state's
// invite_keys, which ingestion reads); when an admin edits that metric, the dashboard reads the
// rollups until the summaries are rebuilt (by the signals job, ensureDashboardSummaries).
// The build (first time, for data written before the summaries existed) and the recount of invites
// after such an edit hold a SHARE ROW EXCLUSIVE lock on daily_rollups: each waits for writes in
// flight, holds new ones back until it commits (they then see the new state), and two builders run
// one after the other. The recount reads only the rollups of names the edit added or removed.

/** SQL true when `name` matches one of the keys in the text[] `keys` (a key 'x*' by prefix), as metricMatches. */
export const matchesAnyKey = (name: SQL, keys: SQL): SQL =>
  sql`exists (select 1 from unnest(${keys}) k where ${name} = k or (right(k, 1) = '*' and left(${name}, length(k) - 1) = left(k, -1)))`;

/** The rows of `days` (a: account, d: day, inv: invites that day) with the account's previous day and running invites. */
const daysWithPrevious = (days: SQL): SQL =>
  sql`select a, d, inv, lag(d) over w as prev, sum(inv) over w as running from ${days} x window w as (partition by a order by d)`;

/** account_activity rows (a, first_day, active, invite_days, invite_totals) from daysWithPrevious rows `y`. */
const activityFromDays = (y: SQL): SQL => sql`
  select a, min(d) as first_day,
    string_agg(repeat('0', coalesce(d - prev - 1, 0)) || '1', '' order by d)::varbit as active,
    coalesce(array_agg(d order by d) filter (where inv > 0), '{}') as invite_days,
    coalesce(array_agg(running order by d) filter (where inv > 0), '{}')::bigint[] as invite_totals
  from ${y} y
  group by a`;

/**
 * account_activity rows (a, first_day, active, invite_days, invite_totals) from a relation
 * `days` of distinct (a: account, d: day, inv: invites that day) rows, one per account.
 */
export const accountActivityFrom = (days: SQL): SQL => activityFromDays(sql`(${daysWithPrevious(days)})`);

const span = (r: string) => sql.raw(`(${r}.first_day + length(${r}.active))`);
const widened = (r: string) =>
  sql`(repeat('0', ${sql.raw(r)}.first_day - least(t.first_day, excluded.first_day)) || ${sql.raw(r)}.active::text
       || repeat('0', greatest(${span('t')}, ${span('excluded')}) - ${span(r)}))::varbit`;
const dailyInvites = (r: string) =>
  sql.raw(`select u.day, u.total - coalesce(lag(u.total) over (order by u.day), 0) as n
     from unnest(${r}.invite_days, ${r}.invite_totals) u(day, total)`);

/**
 * (invite_days, invite_totals) from daily invites `daily` (rows day, n; several a day are added
 * up): the days with invites and the running total on each. A day whose invites add up to 0 is left
 * out, as a recount that takes a name away can leave one.
 */
const runningInvites = (daily: SQL): SQL => sql`(
      select coalesce(array_agg(day order by day), '{}'), coalesce(array_agg(total order by day), '{}')
      from (select day, sum(n) as n, (sum(sum(n)) over (order by day))::bigint as total from (${daily}) x group by day) y
      where n <> 0)`;

/**
 * ON CONFLICT clause that merges a new account_activity row (aliased t) with the stored one, and
 * records which active days were not there before.
 */
export const mergeAccountActivity = sql`on conflict (environment_id, account_id) do update set
    first_day = least(t.first_day, excluded.first_day),
    active = ${widened('t')} | ${widened('excluded')},
    added_days = ${widened('excluded')} & ~${widened('t')},
    (invite_days, invite_totals) = ${runningInvites(sql`${dailyInvites('t')} union all ${dailyInvites('excluded')}`)}`;

/**
 * Changes (day, days_since_previous, delta) of environment_active_days from account_activity rows
 * `rows` (first_day, active, added_days) as a write left them. For each added day s: +1 at s after
 * its new previous day, +1 at its next day (unless added too) now after s, and −1 for the gap s
 * split (once per gap: keyed by its end). Bit positions are 1-based, day = first_day + position − 1.
 */
export const activeDayChanges = (rows: SQL): SQL => sql`
  with changed as (
    select account_id as a, first_day as f, active::text as now, added_days::text as added, (active & ~added_days)::text as was
    from ${rows} r where position(B'1' in added_days) > 0
  ),
  added as (
    select c.*, s,
      length(rtrim(left(now, s - 1), '0')) as prev_now,
      coalesce(s + nullif(position('1' in substr(now, s + 1)), 0), 0) as next_now,
      length(rtrim(left(was, s - 1), '0')) as prev_was,
      coalesce(s + nullif(position('1' in substr(was, s + 1)), 0), 0) as next_was
    from changed c cross join lateral generate_series(position('1' in added), length(rtrim(added, '0'))) s
    where substr(added, s, 1) = '1'
  )
  select f + s - 1 as day, case when prev_now = 0 then 0 else s - prev_now end as since, 1 as delta from added
  union all
  select f + next_now - 1, next_now - s, 1 from added where next_now > 0 and substr(added, next_now, 1) = '0'
  union all
  select distinct on (a, next_was) f + next_was - 1, case when prev_was = 0 then 0 else next_was - prev_was end, -1
  from added where next_was > 0`;

// Version 2 added environment_active_days: summaries built before are built again.
// 3: the product's own events (signal triggers) no longer count as an account's activity.
const SUMMARIES_VERSION = 3;

const inviteKeysOf = (metrics: Metric[]) => [...new Set(metrics.find((m) => m.key === 'invited_users')?.eventKeys ?? [])].sort();
const sameKeys = (a: string[], b: string[]) => a.length === b.length && a.every((k, i) => k === b[i]);

type SummaryState = { invite_keys: string[]; version: number };

const readState = async (db: Queryable, environmentId: number) =>
  (
    await queryRows<SummaryState>(
      db,
      sql`select invite_keys, version from dashboard_summary_state where environment_id = ${environmentId}`,
    )
  )[0];

const isReady = (state: SummaryState | undefined, metrics: Metric[]) =>
  state !== undefined && state.version === SUMMARIES_VERSION && sameKeys([...state.invite_keys].sort(), inviteKeysOf(metrics));

/** Whether the summaries are built and count invites as the invited_users metric does now. */
export async function dashboardSummariesReady(db: Queryable, environmentId: number, metrics: Metric[]): Promise<boolean> {
  return isReady(await readState(db, environmentId), metrics);
}

/**
 * Builds the environment's dashboard summaries from its rollups unless they are ready. Idempotent
 * and safe from several processes (see the lock above). Returns whether it built them. When only
 * the invited_users metric changed, only the accounts' invites are counted again (recountInvites):
 * nothing else depends on it, and rebuilding it all would hold writes back for as long as it
 * reads every rollup.
 */
export async function ensureDashboardSummaries(db: Db, environmentId: number, metrics: Metric[]): Promise<boolean> {
  if (await dashboardSummariesReady(db, environmentId, metrics)) return false;
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table daily_rollups in share row exclusive mode`);
    await applyAnalyticsPlannerSettings(tx);
    // Another process may have built them while this one waited for the lock.
    const state = await readState(tx, environmentId);
    if (isReady(state, metrics)) return false;
    const keys = inviteKeysOf(metrics);
    if (state?.version === SUMMARIES_VERSION) await recountInvites(tx, environmentId, state.invite_keys, keys);
    else await buildSummaries(tx, environmentId, keys);
    await tx.execute(sql`
      insert into dashboard_summary_state (environment_id, invite_keys, version, built_at)
      values (${environmentId}, ${textArray(keys)}, ${SUMMARIES_VERSION}, now())
      on conflict (environment_id) do update set invite_keys = excluded.invite_keys, version = excluded.version, built_at = excluded.built_at`);
    return true;
  });
}

/** Every summary of the environment, from its rollups. */
async function buildSummaries(tx: Queryable, env: number, keys: string[]) {
  await tx.execute(sql`delete from environment_daily_totals where environment_id = ${env}`);
  await tx.execute(sql`
    insert into environment_daily_totals (environment_id, day, event_name, count)
    select ${env}, day, event_name, sum(count) from daily_rollups where environment_id = ${env} group by day, event_name`);
  await tx.execute(sql`delete from account_activity where environment_id = ${env}`);
  await tx.execute(sql`delete from environment_active_days where environment_id = ${env}`);
  const days = sql`(select account_id as a, day as d,
      coalesce(sum(count) filter (where ${metricMatches(sql.raw('event_name'), keys)}), 0) as inv
    from daily_rollups where environment_id = ${env} and account_id <> '' and ${isActivityEvent(sql`event_name`)}
    group by account_id, day)`;
  // One pass over the rollups for both: each account's days, and each day's accounts by gap.
  await tx.execute(sql`
    with y as (${daysWithPrevious(days)}),
    activity as (
      insert into account_activity (environment_id, account_id, first_day, active, invite_days, invite_totals)
      select ${env}, a, first_day, active, invite_days, invite_totals from (${activityFromDays(sql`y`)}) s
    )
    insert into environment_active_days (environment_id, day, days_since_previous, accounts)
    select ${env}, d, coalesce(d - prev, 0), count(*)::int from y group by d, coalesce(d - prev, 0)`);
}

/**
 * The accounts' invites counted again after the invited_users metric's keys went from `before` to
 * `after`: only event names that one set matches and the other does not change anything, so only
 * their rollups are read (none, for a key added before its events are sent), as daily changes
 * (+count for a name now matched, −count for one no longer matched), and merged into the
 * accounts' running totals as ingestion merges new invites. The daily totals (exact, as the
 * summaries are built) say on which days each such name occurred, and each (day, name) is read
 * through the rollups' day index (`offset 0`: the planner cannot estimate how few names differ,
 * and joined them to a scan of every rollup).
 */
async function recountInvites(tx: Queryable, env: number, before: string[], after: string[]) {
  const sign = sql`case when ${metricMatches(sql.raw('e.event_name'), after)} then 1 else -1 end`;
  await tx.execute(sql`
    with names as (
      select e.day, e.event_name, ${sign} as sign
      from environment_daily_totals e
      where e.environment_id = ${env} and e.count > 0 and ${isActivityEvent(sql`e.event_name`)}
        and ${metricMatches(sql.raw('e.event_name'), after)} <> ${metricMatches(sql.raw('e.event_name'), before)}
    ),
    changes as (
      select r.account_id as a, array_agg(r.day) as days, array_agg(r.count * n.sign) as counts
      from names n
      cross join lateral (
        select account_id, day, count from daily_rollups
        where environment_id = ${env} and day = n.day and event_name = n.event_name and account_id <> ''
        offset 0
      ) r
      group by r.account_id
    )
    update account_activity t
    set (invite_days, invite_totals) = ${runningInvites(
      sql`${dailyInvites('t')} union all select day, count from unnest(c.days, c.counts) u(day, count)`,
    )}
    from changes c
    where t.environment_id = ${env} and t.account_id = c.a`);
}
