import type { Metric } from '@/lib/metrics/metrics';

import { changePct, changeSignalHolds, type Comparison, describeChange } from './compare';
import type { ChangeSignal, SignalDefinition } from './definitions';
import type { ConfiguredSignal } from './settings';
import type { AccountTotals } from './window-totals';

// The same order as String.prototype.localeCompare, without building a collator per comparison.
const byName = new Intl.Collator().compare;

export type SignalState = Comparison & { signalKey: string; accountId: string; windowDays: number; reason: string };

/** How a signal names its metric in reasons: "logins and token refreshes". */
export const metricLabel = (metrics: Metric[], definition: SignalDefinition): string =>
  (metrics.find((m) => m.key === definition.metric)?.name ?? definition.metric).toLowerCase();

/** An account's state in a change signal that holds, with its reason ("logins 120 → 40 (−67%) …"). */
export function changeState(
  definition: ChangeSignal,
  label: string,
  accountId: string,
  current: number,
  previous: number,
): SignalState {
  const c: Comparison = { current, previous, changePct: changePct(previous, current) };
  const w = definition.windowDays;
  return { ...c, signalKey: definition.key, accountId, windowDays: w, reason: describeChange(label, w, c) };
}

/**
 * Which accounts are in which signal, from the window totals: pure arithmetic, no database, so
 * the evaluation and the backtest share it.
 */
export function signalStates(signals: ConfiguredSignal[], metrics: Metric[], accounts: AccountTotals[]): SignalState[] {
  const states: SignalState[] = [];
  for (const { definition, settings } of signals) {
    if (!settings.enabled) continue;
    const label = metricLabel(metrics, definition);
    const w = definition.windowDays;
    const currentKey = `${definition.metric}_${w}_c` as const;
    const previousKey = `${definition.metric}_${w}_p` as const;
    const compare = (a: AccountTotals): Comparison => {
      const current = a.totals[currentKey];
      const previous = a.totals[previousKey];
      return { current, previous, changePct: changePct(previous, current) };
    };
    if (definition.kind === 'top') {
      const eligible = accounts.filter((a) => a.totals[currentKey] >= Math.max(1, settings.minVolume));
      // Only accounts at or above the N-th largest figure can rank, so only they are sorted by name.
      const figures = Float64Array.from(eligible, (a) => a.totals[currentKey])
        .sort()
        .reverse();
      const cut = figures[Math.min(settings.topN, figures.length) - 1] ?? Number.POSITIVE_INFINITY;
      const ranked = eligible
        .filter((a) => a.totals[currentKey] >= cut)
        .map((a) => ({ accountId: a.accountId, c: compare(a) }))
        .sort((x, y) => y.c.current - x.c.current || byName(x.accountId, y.accountId))
        .slice(0, settings.topN);
      ranked.forEach(({ accountId, c }, i) =>
        states.push({
          ...c,
          signalKey: definition.key,
          accountId,
          windowDays: w,
          reason: `#${i + 1} by ${label}: ${c.current.toLocaleString('en')} in the last ${w} days`,
        }),
      );
      continue;
    }
    for (const account of accounts) {
      const c = compare(account);
      if (changeSignalHolds(definition, settings, c))
        states.push(changeState(definition, label, account.accountId, c.current, c.previous));
    }
  }
  return states;
}
