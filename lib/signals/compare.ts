import { type SQL, sql } from 'drizzle-orm';

import type { ChangeSignal } from './definitions';

export type Comparison = { current: number; previous: number; changePct: number | null };

/**
 * The change from the earlier window to the later one, in percent; null when the earlier one is 0
 * (any rise from nothing is "new", not a percentage).
 */
export function changePct(previous: number, current: number): number | null {
  if (previous === 0) return null;
  return ((current - previous) / previous) * 100;
}

/**
 * Whether a change signal holds for an account. The minimum volume keeps tiny numbers quiet:
 * a fall counts only from an earlier window of at least minVolume (so 2 → 1 is not "−50%"); a rise
 * only to a current window of at least minVolume, and a rise from 0 counts as above any threshold.
 */
export function changeSignalHolds(
  signal: Pick<ChangeSignal, 'kind'>,
  settings: { thresholdPct: number; minVolume: number },
  c: Comparison,
): boolean {
  if (signal.kind === 'decrease') {
    if (c.previous < settings.minVolume || c.changePct === null) return false;
    return -c.changePct > settings.thresholdPct;
  }
  if (c.current < settings.minVolume || c.current <= c.previous) return false;
  return c.changePct === null || c.changePct > settings.thresholdPct;
}

/**
 * changeSignalHolds as a SQL condition over float8 expressions `current` and `previous`, so the
 * evaluation can decide 100k accounts in the database (lib/signals/transitions.ts). The same
 * IEEE arithmetic in the same order; compare.test.ts checks both agree, value for value.
 */
export function changeSignalHoldsSql(
  signal: Pick<ChangeSignal, 'kind'>,
  settings: { thresholdPct: number; minVolume: number },
  current: SQL,
  previous: SQL,
): SQL {
  const threshold = sql`${settings.thresholdPct}::float8`;
  const minVolume = sql`${settings.minVolume}::float8`;
  const pct = sql`(((${current} - ${previous}) / ${previous}) * 100::float8)`;
  if (signal.kind === 'decrease') {
    return sql`(${previous} >= ${minVolume} and ${previous} <> 0 and -${pct} > ${threshold})`;
  }
  return sql`(${current} >= ${minVolume} and ${current} > ${previous} and (${previous} = 0 or ${pct} > ${threshold}))`;
}

/** changePct as SQL over float8 expressions: the same IEEE arithmetic, null when `previous` is 0. */
export const changePctSql = (previous: SQL, current: SQL): SQL =>
  sql`(case when ${previous} = 0 then null else ((${current} - ${previous}) / ${previous}) * 100::float8 end)`;

// One formatter for every reason: toLocaleString builds a new one per call (~100k calls an evaluation).
const grouped = new Intl.NumberFormat('en');
const fmt = (n: number) => (Number.isInteger(n) ? grouped.format(n) : n.toFixed(1));

/** "logins 120 → 40 (−67%) in the last 7 days" */
export function describeChange(metricName: string, windowDays: number, c: Comparison): string {
  const pct = c.changePct === null ? 'new' : `${c.changePct > 0 ? '+' : '−'}${Math.abs(Math.round(c.changePct))}%`;
  return `${metricName} ${fmt(c.previous)} → ${fmt(c.current)} (${pct}) in the last ${windowDays} days`;
}
