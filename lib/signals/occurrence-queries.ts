import { sql } from 'drizzle-orm';
import { z } from 'zod';

import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import { pageParam } from '@/lib/http/parse-search-params';

import { signalDefinitions, type SignalTrigger } from './definitions';

const definitionOf = new Map(signalDefinitions.map((d) => [d.key, d]));

export const PAGE_SIZE = 25;

export const occurrenceListParams = z.object({
  account: z.string().trim().max(200).optional(),
  state: z.enum(['open', 'all'], { error: 'expected open or all' }).default('open'),
  sort: z
    .enum(['since', 'change', 'current', 'previous', 'signal', 'account'], {
      error: 'expected since, change, current, previous, signal or account',
    })
    .default('since'),
  dir: z.enum(['asc', 'desc'], { error: 'expected asc or desc' }).default('desc'),
  page: pageParam(),
});
export type OccurrenceListParams = z.infer<typeof occurrenceListParams>;

export type OccurrenceRow = {
  id: string;
  accountId: string;
  accountName: string | null;
  signalKey: string;
  /** Short name, and whether it is a risk or an engagement signal, from the definitions. */
  signalLabel: string;
  trigger: SignalTrigger;
  windowDays: number;
  current: number;
  previous: number;
  changePct: number | null;
  reason: string;
  startedAt: string;
  endedAt: string | null;
};

// Sorting by a column name from a fixed list: never from the request's text.
const orderColumns = {
  since: sql.raw('o.started_at'),
  change: sql.raw('o.change_pct'),
  current: sql.raw('o.current'),
  previous: sql.raw('o.previous'),
  signal: sql.raw('o.signal_key'),
  account: sql.raw('o.account_id'),
};

/** Accounts in signals (or their whole history), sorted and paged, with each account's name. */
export async function listOccurrences(
  db: Queryable,
  environmentId: number,
  params: OccurrenceListParams,
): Promise<{ rows: OccurrenceRow[]; total: number }> {
  const where = sql`o.environment_id = ${environmentId}
    ${params.state === 'open' ? sql`and o.ended_at is null` : sql``}
    ${params.account ? sql`and o.account_id = ${params.account}` : sql``}`;
  const direction = sql.raw(params.dir === 'asc' ? 'asc nulls first' : 'desc nulls last');
  const order = sql`order by ${orderColumns[params.sort]} ${direction}, o.id`;
  // The page's keys first, sorted from the sort column alone, then its 25 rows and their accounts'
  // names: sorting the open occurrences' whole rows (their reasons included) takes twice as long,
  // and joining every one to the accounts before sorting is slow whenever the planner misjudges
  // the join. The count runs alongside.
  const [rows, [count]] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select o.id, o.account_id, o.signal_key, o.window_days, o.current::float8 as current, o.previous::float8 as previous,
            o.change_pct::float8 as change_pct, o.reason, o.started_at, o.ended_at,
            (select a.traits->>'name' from accounts a where a.environment_id = ${environmentId} and a.account_id = o.account_id) as account_name
          from (
            select o.account_id, o.id from signal_occurrences o
            where ${where}
            ${order}
            limit ${PAGE_SIZE} offset ${(params.page - 1) * PAGE_SIZE}
          ) page
          join signal_occurrences o on o.environment_id = ${environmentId} and o.account_id = page.account_id and o.id = page.id
          ${order}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from signal_occurrences o where ${where}`),
  ]);
  const iso = (v: unknown) =>
    v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : new Date(String(v)).toISOString();
  return {
    total: count?.n ?? 0,
    rows: rows.map((r) => ({
      id: String(r.id),
      accountId: String(r.account_id),
      accountName: (r.account_name as string | null) ?? null,
      signalKey: String(r.signal_key),
      signalLabel: definitionOf.get(String(r.signal_key))?.label ?? String(r.signal_key),
      trigger: definitionOf.get(String(r.signal_key))?.trigger ?? 'signal.riskForAbandonment',
      windowDays: Number(r.window_days),
      current: Number(r.current),
      previous: Number(r.previous),
      changePct: r.change_pct === null ? null : Number(r.change_pct),
      reason: String(r.reason),
      startedAt: iso(r.started_at) ?? '',
      endedAt: iso(r.ended_at),
    })),
  };
}
