import { type SQL, sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import type { Metric } from '@/lib/metrics/metrics';

import { currentTotals } from './account-totals';
import { changePctSql, changeSignalHoldsSql } from './compare';
import type { ChangeSignal, TopSignal } from './definitions';
import type { ConfiguredSignal } from './settings';
import { changeState, metricLabel, type SignalState, signalStates } from './states';
import { type AccountTotals, toAccountTotals, type TotalsColumn, totalsLayout } from './window-totals';

// What an evaluation must write: the accounts entering a signal, those staying in one whose
// numbers moved, and the occurrences ending. Decided in the database from the account totals
// (one row per account) against the open occurrences, so that only differences cross the wire:
// a steady run over 100k accounts returns a handful of rows instead of building 100k objects in
// JavaScript. Change signals are decided by changeSignalHoldsSql, the SQL twin
// of changeSignalHolds, and the figures of those staying in one are rewritten by the same
// statement: on a new day most of them move, and sending them to JavaScript and back would take
// longer than the rest of the tick. An occurrence's reason is the one it fired with, as its trigger
// event said it; its figures are the latest, except just after the windows moved to a new day:
// the first tick of a day has the day's transitions to write, so rewriting those figures is left
// to the next tick (a few minutes later); the top signals' few are rewritten at once. The top-N
// ranking stays in JavaScript (signalStates) over its few candidates, so ties are broken by the
// same collation as the backtest's.

export type OpenOccurrence = { id: string; signalKey: string; accountId: string };
export type Transitions = {
  entering: SignalState[];
  /** Top-signal occurrences staying whose figures moved (the change signals' are already rewritten). */
  staying: (SignalState & { id: string })[];
  ending: OpenOccurrence[];
  /** (account, signal) pairs in a signal after this evaluation. */
  holding: number;
  /** Accounts with activity in any window. */
  accounts: number;
};

type Row = {
  kind: 'diff' | 'count' | 'top';
  account_id: string | null;
  signal_key: string | null;
  current: number | null;
  previous: number | null;
  open_id: string | null;
  open_signal_key: string | null;
  open_account_id: string | null;
  holding: number | null;
  accounts: number | null;
  /** A top signal's candidate: its account's totals, comma-separated. */
  totals: string | null;
};

const position = (layout: TotalsColumn[], name: string) => layout.findIndex((c) => c.name === name) + 1;

export async function findTransitions(
  db: Queryable,
  environmentId: number,
  signals: ConfiguredSignal[],
  metrics: Metric[],
  options: { refigure: boolean },
): Promise<Transitions> {
  const layout = totalsLayout(metrics);
  const enabled = signals.filter((s) => s.settings.enabled);
  const change = enabled.filter((s): s is ConfiguredSignal & { definition: ChangeSignal } => s.definition.kind !== 'top');
  const top = enabled.filter((s): s is ConfiguredSignal & { definition: TopSignal } => s.definition.kind === 'top');

  const result: Transitions = { entering: [], staying: [], ending: [], holding: 0, accounts: 0 };
  const byKey = new Map(
    change.map((s) => [s.definition.key, { definition: s.definition, label: metricLabel(metrics, s.definition) }]),
  );
  const candidates = new Map(top.map((s) => [s.definition.key, [] as AccountTotals[]]));
  for (const row of await queryRows<Row>(db, changeDiff(environmentId, change, top, layout, options.refigure))) {
    if (row.kind === 'top') {
      if (row.signal_key && row.account_id && row.totals)
        candidates.get(row.signal_key)?.push(toAccountTotals(layout, row.account_id, row.totals.split(',').map(Number)));
      continue;
    }
    if (row.kind === 'count') {
      result.holding += row.holding ?? 0;
      result.accounts = row.accounts ?? 0;
      continue;
    }
    const signal = row.signal_key ? byKey.get(row.signal_key) : undefined;
    const state =
      signal && row.account_id
        ? changeState(signal.definition, signal.label, row.account_id, Number(row.current), Number(row.previous))
        : null;
    if (state) result.entering.push(state);
    else if (row.open_id && row.open_signal_key && row.open_account_id)
      result.ending.push({ id: row.open_id, signalKey: row.open_signal_key, accountId: row.open_account_id });
  }

  for (const signal of top) {
    const states = signalStates([signal], metrics, candidates.get(signal.definition.key) ?? []);
    result.holding += states.length;
    const open = await queryRows<{ id: string; account_id: string; current: number; previous: number }>(
      db,
      sql`select id, account_id, current::float8 as current, previous::float8 as previous from signal_occurrences
          where environment_id = ${environmentId} and signal_key = ${signal.definition.key} and ended_at is null`,
    );
    const openByAccount = new Map(open.map((o) => [o.account_id, o]));
    const ranked = new Set(states.map((s) => s.accountId));
    for (const state of states) {
      const existing = openByAccount.get(state.accountId);
      if (!existing) result.entering.push(state);
      else if (Number(existing.current) !== state.current || Number(existing.previous) !== state.previous)
        result.staying.push({ ...state, id: existing.id });
    }
    for (const o of open) {
      if (!ranked.has(o.account_id)) result.ending.push({ id: o.id, signalKey: signal.definition.key, accountId: o.account_id });
    }
  }
  return result;
}

/**
 * Every change signal's state for every account, full-joined with the open occurrences (all but
 * the top signals', which are compared above): rows where one side is missing, then the top
 * signals' candidates, then one row of counts. Open occurrences on both sides whose numbers differ
 * get the new ones in the same statement. An occurrence of a disabled or unknown signal has no
 * state, so it ends. One statement reads the totals once for all of it (asked apart, the top
 * candidates would read them twice more each).
 */
function changeDiff(
  environmentId: number,
  change: (ConfiguredSignal & { definition: ChangeSignal })[],
  top: (ConfiguredSignal & { definition: TopSignal })[],
  layout: TotalsColumn[],
  refigure: boolean,
): SQL {
  const topKeys = top.map((s) => s.definition.key);
  const column = (name: string) => sql.raw(`t.totals[${position(layout, name)}]`);
  const states = change.map(({ definition: d, settings }) => {
    const current = column(`${d.metric}_${d.windowDays}_c`);
    const previous = column(`${d.metric}_${d.windowDays}_p`);
    return sql`select t.account_id, ${d.key}::text as signal_key, ${current} as current, ${previous} as previous
      from totals t where ${changeSignalHoldsSql(d, settings, current, previous)}`;
  });
  const holding =
    states.length > 0
      ? sql.join(states, sql` union all `)
      : sql`select null::text, null::text, null::float8, null::float8 where false`;
  const notTop =
    topKeys.length > 0
      ? sql`and signal_key not in (${sql.join(
          topKeys.map((k) => sql`${k}::text`),
          sql`, `,
        )})`
      : sql``;
  return sql`
    with totals as materialized (select account_id, totals from ${currentTotals(environmentId)} t),
    holding (account_id, signal_key, current, previous) as (${holding}),
    open as (
      select id, signal_key, account_id
      from signal_occurrences where environment_id = ${environmentId} and ended_at is null ${notTop}
    )${refigure ? refigureStaying(environmentId) : sql``}
    select 'diff' as kind, h.account_id, h.signal_key, h.current, h.previous,
      o.id as open_id, o.signal_key as open_signal_key, o.account_id as open_account_id,
      null::int as holding, null::int as accounts, null::text as totals
    from holding h full join open o on o.signal_key = h.signal_key and o.account_id = h.account_id
    where h.account_id is null or o.id is null
    ${sql.join(
      top.map((signal) => sql`union all ${topCandidates(signal, layout)}`),
      sql` `,
    )}
    union all
    select 'count', null, null, null, null, null, null, null,
      (select count(*) from holding)::int, (select count(*) from totals)::int, null`;
}

/**
 * The staying occurrences' new figures, as one more CTE of changeDiff. It runs to completion
 * although nothing reads it (as any data-modifying WITH); the rest of the statement sees the
 * occurrences as they were before it.
 */
const refigureStaying = (environmentId: number): SQL => sql`,
    refigure as (
      update signal_occurrences o
      set current = h.current, previous = h.previous, change_pct = ${changePctSql(sql`h.previous`, sql`h.current`)}
      from holding h
      where o.environment_id = ${environmentId} and o.ended_at is null
        and o.signal_key = h.signal_key and o.account_id = h.account_id
        and (o.current::float8 <> h.current or o.previous::float8 <> h.previous)
    )`;

/**
 * The accounts that can rank in a top signal, as rows of changeDiff: those at or above the N-th
 * largest figure (ties included), as signalStates would keep them. A few rows, whatever the
 * number of accounts.
 */
function topCandidates({ definition: d, settings }: ConfiguredSignal & { definition: TopSignal }, layout: TotalsColumn[]): SQL {
  const figure = sql.raw(`totals[${position(layout, `${d.metric}_${d.windowDays}_c`)}]`);
  const floor = sql`greatest(1, ${settings.minVolume}::float8)`;
  return sql`select 'top', t.account_id, ${d.key}::text, null, null, null, null, null, null, null,
      array_to_string(t.totals, ',')
    from totals t
    where ${figure} >= ${floor}
      and ${figure} >= (select min(v) from (
        select ${figure} as v from totals t where ${figure} >= ${floor} order by 1 desc limit ${settings.topN}::int) best)`;
}
