import { type SQL, sql } from 'drizzle-orm';

import type { MetricKey } from '@/lib/metrics/definitions';
import type { Metric } from '@/lib/metrics/metrics';
import { metricMatches } from '@/lib/metrics/metrics';

export const WINDOWS = [7, 30] as const;
export type WindowTotals = Record<`${MetricKey}_${7 | 30}_${'c' | 'p'}`, number>;
export type AccountTotals = { accountId: string; totals: WindowTotals };

/**
 * One summed window of one metric: the days from `oldest` to `newest` days before the last
 * complete day (0 = yesterday). "logins_7_p" is logins over the 7 days before the last 7.
 */
export type TotalsColumn = { name: keyof WindowTotals; metric: Metric; newest: number; oldest: number };

/** Every metric's totals over both windows and both periods: what the seven signals compare. */
export function totalsLayout(metrics: Metric[]): TotalsColumn[] {
  return metrics.flatMap((metric) =>
    WINDOWS.flatMap((w) => [
      { name: `${metric.key}_${w}_c` as const, metric, newest: 0, oldest: w - 1 },
      { name: `${metric.key}_${w}_p` as const, metric, newest: w, oldest: 2 * w - 1 },
    ]),
  );
}

/** How many days before the last complete day the layout reaches back (60 for 30 + 30 days). */
export const layoutDepth = (layout: TotalsColumn[]) => Math.max(...layout.map((c) => c.oldest)) + 1;

/** A layout's identity: totals built for another one (metrics edited, time zone changed) are rebuilt. */
export const layoutKey = (layout: TotalsColumn[], timeZone: string) =>
  JSON.stringify({ timeZone, columns: layout.map((c) => [c.name, c.metric.eventKeys, c.newest, c.oldest]) });

const column = sql.raw('event_name');

const metricsOf = (layout: TotalsColumn[]) => [...new Set(layout.map((c) => c.metric))];

/** True for rollup rows of any metric in the layout. */
export const anyMetricOf = (layout: TotalsColumn[]): SQL =>
  sql.join(
    metricsOf(layout).map((m) => metricMatches(column, m.eventKeys)),
    sql` or `,
  );

/**
 * For a rollup row, the bit mask of the layout's metrics its event counts for (a key can be in
 * several metrics): an integer worked out once per row, so the sums test bits, not names.
 */
export const metricMask = (layout: TotalsColumn[]): SQL =>
  sql.join(
    metricsOf(layout).map((m, i) => sql`case when ${metricMatches(column, m.eventKeys)} then ${2 ** i}::int else 0 end`),
    sql` + `,
  );

/** The bit of `c`'s metric in metricMask. */
export const metricBit = (layout: TotalsColumn[], c: TotalsColumn): number => 2 ** metricsOf(layout).indexOf(c.metric);

export function toAccountTotals(layout: TotalsColumn[], accountId: string, values: number[]): AccountTotals {
  // A plain loop, not Object.fromEntries: ~2× faster over 100k accounts, and every object gets the same shape.
  const totals = {} as WindowTotals;
  layout.forEach((c, i) => {
    totals[c.name] = Number(values[i] ?? 0);
  });
  return { accountId, totals };
}
