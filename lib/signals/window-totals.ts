import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import type { MetricKey } from './definitions';
import type { Metric } from './metrics';
import { metricMatches } from './metrics';
import { comparisonWindows, type DayRange } from './windows';

export const WINDOWS = [7, 30] as const;
export type WindowTotals = Record<`${MetricKey}_${7 | 30}_${'c' | 'p'}`, number>;
export type AccountTotals = { accountId: string; totals: WindowTotals };

/**
 * Every account's totals of every metric, for both windows and both periods, in one pass over the
 * rollups of the last 60 complete days — the seven signals share it rather than each scanning.
 */
export async function accountWindowTotals(
  db: Queryable,
  environment: { id: number; timeZone: string },
  metrics: Metric[],
  now: Date,
): Promise<AccountTotals[]> {
  const ranges = Object.fromEntries(WINDOWS.map((w) => [w, comparisonWindows(now, environment.timeZone, w)])) as Record<
    7 | 30,
    { current: DayRange; previous: DayRange }
  >;
  const column = sql.raw('event_name');
  const sums: SQL[] = [];
  const names: string[] = [];
  for (const metric of metrics) {
    const matches = metricMatches(column, metric.eventKeys);
    for (const w of WINDOWS) {
      for (const [suffix, range] of [
        ['c', ranges[w].current],
        ['p', ranges[w].previous],
      ] as const) {
        const name = `${metric.key}_${w}_${suffix}`;
        names.push(name);
        sums.push(
          sql`coalesce(sum(count) filter (where ${matches} and day between ${range.from}::date and ${range.to}::date), 0)::float8 as ${sql.identifier(name)}`,
        );
      }
    }
  }
  const anyMetric = sql.join(
    metrics.map((m) => metricMatches(column, m.eventKeys)),
    sql` or `,
  );
  const rows = await queryRows<Record<string, unknown> & { account_id: string }>(
    db,
    sql`select account_id, ${sql.join(sums, sql`, `)}
        from daily_rollups
        where environment_id = ${environment.id}
          and account_id <> ''
          and day between ${ranges[30].previous.from}::date and ${ranges[30].current.to}::date
          and (${anyMetric})
        group by account_id`,
  );
  return rows.map((row) => ({
    accountId: row.account_id,
    totals: Object.fromEntries(names.map((n) => [n, Number(row[n] ?? 0)])) as WindowTotals,
  }));
}
