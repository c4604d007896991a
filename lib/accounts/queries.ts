import { sql } from 'drizzle-orm';
import { z } from 'zod';

import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import { NotFoundError } from '@/lib/errors';
import { pageParam } from '@/lib/http/parse-search-params';

export const ACCOUNTS_PAGE_SIZE = 50;

export const accountListParams = z.object({
  search: z.string().trim().max(200).optional(),
  page: pageParam(),
});

export type AccountSummary = {
  accountId: string;
  name: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  users: number;
  openSignals: number;
};

const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

/** Accounts by most recently seen; search matches the id or the name trait, case-insensitively. */
export async function listAccounts(
  db: Queryable,
  environmentId: number,
  params: z.infer<typeof accountListParams>,
): Promise<{ accounts: AccountSummary[]; total: number }> {
  const pattern = params.search ? `%${params.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = sql`a.environment_id = ${environmentId} ${pattern ? sql`and (a.account_id ilike ${pattern} or a.traits->>'name' ilike ${pattern})` : sql``}`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.account_id, a.traits->>'name' as name, a.first_seen_at, a.last_seen_at,
          (select count(*) from account_memberships m where m.environment_id = a.environment_id and m.account_id = a.account_id)::int as users,
          (select count(*) from signal_occurrences o where o.environment_id = a.environment_id and o.account_id = a.account_id and o.ended_at is null)::int as open_signals
        from accounts a where ${where}
        order by a.last_seen_at desc, a.account_id
        limit ${ACCOUNTS_PAGE_SIZE} offset ${(params.page - 1) * ACCOUNTS_PAGE_SIZE}`,
  );
  const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from accounts a where ${where}`);
  return {
    total: count?.n ?? 0,
    accounts: rows.map((r) => ({
      accountId: String(r.account_id),
      name: (r.name as string | null) ?? null,
      firstSeenAt: iso(r.first_seen_at),
      lastSeenAt: iso(r.last_seen_at),
      users: Number(r.users),
      openSignals: Number(r.open_signals),
    })),
  };
}

export type AccountDetail = {
  accountId: string;
  traits: Record<string, unknown>;
  firstSeenAt: string;
  lastSeenAt: string;
  users: { userId: string; traits: Record<string, unknown>; firstSeenAt: string; lastSeenAt: string }[];
};

/** One account with its traits and its users (up to 500, most recently seen first). */
export async function getAccount(db: Queryable, environmentId: number, accountId: string): Promise<AccountDetail> {
  const [account] = await queryRows<Record<string, unknown>>(
    db,
    sql`select account_id, traits, first_seen_at, last_seen_at from accounts where environment_id = ${environmentId} and account_id = ${accountId}`,
  );
  if (!account) throw new NotFoundError(`Account "${accountId}"`);
  const users = await queryRows<Record<string, unknown>>(
    db,
    sql`select u.user_id, u.traits, m.first_seen_at, m.last_seen_at
        from account_memberships m
        join users u on u.environment_id = m.environment_id and u.user_id = m.user_id
        where m.environment_id = ${environmentId} and m.account_id = ${accountId}
        order by m.last_seen_at desc limit 500`,
  );
  const traits = (v: unknown) =>
    typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : ((v as Record<string, unknown>) ?? {});
  return {
    accountId: String(account.account_id),
    traits: traits(account.traits),
    firstSeenAt: iso(account.first_seen_at),
    lastSeenAt: iso(account.last_seen_at),
    users: users.map((u) => ({
      userId: String(u.user_id),
      traits: traits(u.traits),
      firstSeenAt: iso(u.first_seen_at),
      lastSeenAt: iso(u.last_seen_at),
    })),
  };
}
