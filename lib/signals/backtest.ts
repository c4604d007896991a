import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { dayIn } from '@/lib/calendar/day-bucket';
import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import { type Metric, metricMatches } from '@/lib/metrics/metrics';

import { changePct, changeSignalHolds } from './compare';
import type { SignalDefinition } from './definitions';
import { signalSettingsInput } from './settings';
import { addDays } from './windows';

export const backtestInput = signalSettingsInput.extend({
  days: z
    .number({ error: 'expected a number of days' })
    .int('expected a whole number')
    .min(1, 'expected 1–180')
    .max(180, 'expected 1–180')
    .default(30),
});
export type BacktestInput = z.infer<typeof backtestInput>;

export type BacktestResult = {
  days: number;
  notifications: number;
  accounts: { accountId: string; fired: number; firstFiredOn: string; lastFiredOn: string }[];
  perDay: { day: string; entered: number; inSignal: number }[];
};

/**
 * "Which accounts would have fired over the last N days, and how many notifications would that
 * have sent": the signal replayed once a day with the given settings, counting entries (each
 * entry is one notification, as in the live evaluation). One query fetches the metric's daily
 * totals per account; the windows then slide in memory.
 */
export async function backtestSignal(
  db: Queryable,
  environment: { id: number; timeZone: string },
  signal: SignalDefinition,
  metric: Metric,
  input: BacktestInput,
  now = new Date(),
): Promise<BacktestResult> {
  const w = signal.windowDays;
  const lastDay = addDays(dayIn(environment.timeZone, now), -1);
  const firstEval = addDays(lastDay, -(input.days - 1));
  const from = addDays(firstEval, -(2 * w));
  const rows = await queryRows<{ account_id: string; day: string; n: number }>(
    db,
    sql`select account_id, to_char(day, 'YYYY-MM-DD') as day, sum(count)::float8 as n
        from daily_rollups
        where environment_id = ${environment.id} and account_id <> '' and day between ${from}::date and ${lastDay}::date
          and ${metricMatches(sql.raw('event_name'), metric.eventKeys)}
        group by account_id, day`,
  );
  const byAccount = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const days = byAccount.get(r.account_id) ?? new Map<string, number>();
    days.set(r.day, Number(r.n));
    byAccount.set(r.account_id, days);
  }
  const sum = (days: Map<string, number>, end: string, length: number) => {
    let total = 0;
    for (let i = 0; i < length; i++) total += days.get(addDays(end, -i)) ?? 0;
    return total;
  };

  const inSignal = new Set<string>();
  const fired = new Map<string, { fired: number; first: string; last: string }>();
  const perDay: BacktestResult['perDay'] = [];
  for (let d = 0; d < input.days; d++) {
    const day = addDays(firstEval, d);
    const holding = new Set<string>();
    if (input.enabled) {
      const comparisons = [...byAccount].map(([accountId, days]) => {
        const current = sum(days, day, w);
        const previous = sum(days, addDays(day, -w), w);
        return { accountId, current, previous, changePct: changePct(previous, current) };
      });
      if (signal.kind === 'top') {
        comparisons
          .filter((c) => c.current >= Math.max(1, input.minVolume))
          .sort((a, b) => b.current - a.current || a.accountId.localeCompare(b.accountId))
          .slice(0, input.topN)
          .forEach((c) => holding.add(c.accountId));
      } else {
        for (const c of comparisons) if (changeSignalHolds(signal, input, c)) holding.add(c.accountId);
      }
    }
    let entered = 0;
    for (const accountId of holding) {
      if (inSignal.has(accountId)) continue;
      entered++;
      const f = fired.get(accountId);
      fired.set(accountId, { fired: (f?.fired ?? 0) + 1, first: f?.first ?? day, last: day });
    }
    inSignal.clear();
    for (const a of holding) inSignal.add(a);
    perDay.push({ day, entered, inSignal: holding.size });
  }
  return {
    days: input.days,
    notifications: perDay.reduce((n, d) => n + d.entered, 0),
    accounts: [...fired]
      .map(([accountId, f]) => ({ accountId, fired: f.fired, firstFiredOn: f.first, lastFiredOn: f.last }))
      .sort((a, b) => b.fired - a.fired || a.accountId.localeCompare(b.accountId)),
    perDay,
  };
}
