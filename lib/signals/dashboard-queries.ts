import { type SQL, sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import { isActivityEvent } from '@/lib/events/product-events';
import type { MetricKey } from '@/lib/metrics/definitions';
import { type Metric, metricMatches } from '@/lib/metrics/metrics';

import type { ResolvedRange } from './dashboard-params';
import { signalDefinitions } from './definitions';
import { addDays } from './windows';

type Scope = { environmentId: number; accountId?: string };
const engagementKeys = sql.join(
  signalDefinitions.filter((d) => d.trigger === 'signal.engagementLevel').map((d) => sql`${d.key}`),
  sql`, `,
);
const accountFilter = (scope: Scope): SQL => (scope.accountId ? sql`and account_id = ${scope.accountId}` : sql``);

export type Kpi = { key: string; label: string; value: number; previous: number };
const CHART_METRICS: MetricKey[] = ['logins', 'invited_users', 'deleted_users'];

/**
 * Where activity is read from: every account's rollups, or the environment-wide summaries kept at
 * ingestion (lib/metrics/dashboard-summaries.ts; only without an account, and once they are ready).
 * Both give the same figures.
 */
export type Source = 'rollups' | 'summaries';

/**
 * Accounts with an event in the range and in the previous period, from environment_active_days:
 * an account active in a range has exactly one active day there whose previous one is before it.
 */
const activeAccounts = (scope: Scope, range: ResolvedRange): SQL => sql`
  select
    coalesce(sum(accounts) filter (where day >= ${range.from}::date
      and (days_since_previous = 0 or day - days_since_previous < ${range.from}::date)), 0)::int as active,
    coalesce(sum(accounts) filter (where day <= ${range.previousTo}::date
      and (days_since_previous = 0 or day - days_since_previous < ${range.previousFrom}::date)), 0)::int as active_prev
  from environment_active_days
  where environment_id = ${scope.environmentId} and day between ${range.previousFrom}::date and ${range.to}::date`;

/** KPI cards: accounts in signals now vs at the end of the previous period; activity in the range vs the previous one. */
export async function dashboardKpis(
  db: Queryable,
  scope: Scope,
  range: ResolvedRange,
  metrics: Metric[],
  source: Source = 'rollups',
): Promise<Kpi[]> {
  const column = sql.raw('event_name');
  const metric = (key: MetricKey) => metricMatches(column, metrics.find((m) => m.key === key)?.eventKeys ?? []);
  const activityOnly = isActivityEvent(column);
  const sums = sql.join(
    CHART_METRICS.flatMap((key) => [
      sql`coalesce(sum(count) filter (where ${metric(key)} and day between ${range.from}::date and ${range.to}::date), 0)::float8 as ${sql.identifier(key)}`,
      sql`coalesce(sum(count) filter (where ${metric(key)} and day between ${range.previousFrom}::date and ${range.previousTo}::date), 0)::float8 as ${sql.identifier(`${key}_prev`)}`,
    ]),
    sql`, `,
  );
  const boundary = `${range.previousTo}T23:59:59Z`;
  // Independent queries, run side by side on the pool.
  const [[activity], [active], [signalsNow], [signalsBefore]] = await Promise.all([
    queryRows<Record<string, number>>(
      db,
      source === 'summaries'
        ? sql`select ${sums} from environment_daily_totals
              where environment_id = ${scope.environmentId} and day between ${range.previousFrom}::date and ${range.to}::date`
        : sql`select
            count(distinct account_id) filter (where day between ${range.from}::date and ${range.to}::date and account_id <> '' and ${activityOnly})::int as active,
            count(distinct account_id) filter (where day between ${range.previousFrom}::date and ${range.previousTo}::date and account_id <> '' and ${activityOnly})::int as active_prev,
            ${sums}
          from daily_rollups
          where environment_id = ${scope.environmentId} and day between ${range.previousFrom}::date and ${range.to}::date ${accountFilter(scope)}`,
    ),
    source === 'summaries' ? queryRows<Record<string, number>>(db, activeAccounts(scope, range)) : [undefined],
    queryRows<Record<string, number>>(
      db,
      source === 'summaries'
        ? // Accounts by the set of signals they have open, kept by a trigger on signal_occurrences.
          sql`select coalesce(sum(accounts) filter (where not signal_keys <@ array[${engagementKeys}]::text[]), 0)::int as risk,
                coalesce(sum(accounts) filter (where signal_keys && array[${engagementKeys}]::text[]), 0)::int as engaged
              from environment_open_signal_sets where environment_id = ${scope.environmentId}`
        : // Open occurrences by account, from signal_occurrences_open_accounts_idx alone.
          sql`select count(*) filter (where risk)::int as risk, count(*) filter (where engaged)::int as engaged
              from (select account_id,
                      bool_or(signal_key not in (${engagementKeys})) as risk, bool_or(signal_key in (${engagementKeys})) as engaged
                    from signal_occurrences where environment_id = ${scope.environmentId} and ended_at is null ${accountFilter(scope)}
                    group by account_id) x`,
    ),
    // Only occurrences started by then can have been open at the end of the previous period.
    queryRows<Record<string, number>>(
      db,
      sql`select
            count(distinct account_id) filter (where signal_key not in (${engagementKeys}))::int as risk_prev,
            count(distinct account_id) filter (where signal_key in (${engagementKeys}))::int as engaged_prev
          from signal_occurrences
          where environment_id = ${scope.environmentId} and started_at <= ${boundary}::timestamptz
            and (ended_at is null or ended_at > ${boundary}::timestamptz) ${accountFilter(scope)}`,
    ),
  ]);
  const a = { ...activity, ...active };
  const s = { ...signalsNow, ...signalsBefore };
  return [
    { key: 'at_risk', label: 'Accounts at risk', value: s.risk ?? 0, previous: s.risk_prev ?? 0 },
    { key: 'engaged', label: 'Engaged accounts', value: s.engaged ?? 0, previous: s.engaged_prev ?? 0 },
    { key: 'active', label: 'Active accounts', value: a.active ?? 0, previous: a.active_prev ?? 0 },
    { key: 'logins', label: 'Logins', value: a.logins ?? 0, previous: a.logins_prev ?? 0 },
    { key: 'invites', label: 'Invites', value: a.invited_users ?? 0, previous: a.invited_users_prev ?? 0 },
    { key: 'deletions', label: 'Deletions', value: a.deleted_users ?? 0, previous: a.deleted_users_prev ?? 0 },
  ];
}

export type SeriesPoint = { day: string; previousDay: string } & Record<`${MetricKey}` | `${MetricKey}_prev`, number>;

/** One point a day in the range, with the same metrics on the matching day of the previous period. */
export async function dashboardSeries(
  db: Queryable,
  scope: Scope,
  range: ResolvedRange,
  metrics: Metric[],
  source: Source = 'rollups',
): Promise<SeriesPoint[]> {
  const column = sql.raw('event_name');
  const cases = CHART_METRICS.map(
    (key) =>
      sql`coalesce(sum(count) filter (where ${metricMatches(column, metrics.find((m) => m.key === key)?.eventKeys ?? [])}), 0)::float8 as ${sql.identifier(key)}`,
  );
  const rows = await queryRows<{ day: string } & Record<string, number>>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, ${sql.join(cases, sql`, `)}
        from ${source === 'summaries' ? sql`environment_daily_totals` : sql`daily_rollups`}
        where environment_id = ${scope.environmentId} and day between ${range.previousFrom}::date and ${range.to}::date
          ${source === 'summaries' ? sql`` : accountFilter(scope)}
        group by day`,
  );
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return Array.from({ length: range.days }, (_, i) => {
    const day = addDays(range.from, i);
    const previousDay = addDays(range.previousFrom, i);
    const now = byDay.get(day);
    const before = byDay.get(previousDay);
    const point = { day, previousDay } as SeriesPoint;
    for (const key of CHART_METRICS) {
      point[key] = Number(now?.[key] ?? 0);
      point[`${key}_prev`] = Number(before?.[key] ?? 0);
    }
    return point;
  });
}

export type TopAccount = { accountId: string; name: string | null; invites: number };

export async function topAccountsByInvites(
  db: Queryable,
  scope: Scope,
  range: ResolvedRange,
  metrics: Metric[],
  limit = 10,
  source: Source = 'rollups',
): Promise<TopAccount[]> {
  if (source === 'summaries') return topAccountsFromSummaries(db, scope, range, limit);
  const invites = metricMatches(sql.raw('r.event_name'), metrics.find((m) => m.key === 'invited_users')?.eventKeys ?? []);
  return withNames(
    db,
    scope,
    limit,
    sql`select r.account_id, sum(r.count)::float8 as invites
        from daily_rollups r
        where r.environment_id = ${scope.environmentId} and r.account_id <> '' and r.day between ${range.from}::date and ${range.to}::date and ${invites}
        group by r.account_id`,
  );
}

// An account's invites in a range from its running totals: the total on the range's last day minus
// the one before its first. The last running total (all-time invites, indexed) bounds them.
const totalUpTo = (day: SQL) => sql`coalesce(r.invite_totals[width_bucket(${day}, r.invite_days)], 0)`;
const rangeInvites = (range: ResolvedRange) =>
  sql`(${totalUpTo(sql`${range.to}::date`)} - ${totalUpTo(sql`${range.from}::date - 1`)})::float8`;
const allTimeInvites = sql`(r.invite_totals[cardinality(r.invite_totals)])`;

/**
 * The top accounts from account_activity without reading every account: the `limit` accounts with
 * the most invites of all time have a `limit`-th best figure in the range that the real top ones
 * reach at least, and only accounts with as many invites of all time can reach it.
 */
async function topAccountsFromSummaries(db: Queryable, scope: Scope, range: ResolvedRange, limit: number): Promise<TopAccount[]> {
  const [floor] = await queryRows<{ n: number; least: number | null }>(
    db,
    sql`select count(*)::int as n, min(invites) as least from (
          select ${rangeInvites(range)} as invites from account_activity r
          where r.environment_id = ${scope.environmentId} and ${allTimeInvites} > 0
          order by ${allTimeInvites} desc limit ${limit}) x`,
  );
  const atLeast = floor && floor.n === limit ? Math.max(1, Number(floor.least)) : 1;
  return withNames(
    db,
    scope,
    limit,
    sql`select account_id, invites from (
          select r.account_id, ${rangeInvites(range)} as invites from account_activity r
          where r.environment_id = ${scope.environmentId} and ${allTimeInvites} >= ${atLeast}
        ) x where invites > 0`,
  );
}

/** The first `limit` of `ranked` (account_id, invites), with the accounts' names (looked up for those few only). */
async function withNames(db: Queryable, scope: Scope, limit: number, ranked: SQL): Promise<TopAccount[]> {
  const rows = await queryRows<{ account_id: string; name: string | null; invites: number }>(
    db,
    sql`select t.account_id, a.traits->>'name' as name, t.invites
        from (${ranked} order by invites desc, account_id limit ${limit}) t
        left join accounts a on a.environment_id = ${scope.environmentId} and a.account_id = t.account_id
        order by t.invites desc, t.account_id`,
  );
  return rows.map((r) => ({ accountId: r.account_id, name: r.name, invites: Number(r.invites) }));
}
