import { sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import { textArray } from '@/lib/db/text-array';

type Resolvable = { name: string; userId: string | null; accountId: string | null };

/** Accounts of users who named none, from their latest group call: in these events, else stored. */
export async function resolveAccounts(
  db: Queryable,
  environmentId: number,
  events: Resolvable[],
  beforeLookup?: () => Promise<void>,
): Promise<Map<string, string>> {
  const byUser = new Map<string, string>();
  for (const e of events) if (e.name === 'group' && e.userId && e.accountId) byUser.set(e.userId, e.accountId);
  const unknown = [
    ...new Set(events.filter((e) => e.accountId === null && e.userId && !byUser.has(e.userId)).map((e) => e.userId as string)),
  ];
  if (unknown.length > 0) {
    await beforeLookup?.();
    const rows = await queryRows<{ user_id: string; account_id: string }>(
      db,
      sql`select distinct on (user_id) user_id, account_id from account_memberships
          where environment_id = ${environmentId} and user_id = any(${textArray(unknown)})
          order by user_id, last_seen_at desc`,
    );
    for (const row of rows) byUser.set(row.user_id, row.account_id);
  }
  return byUser;
}
