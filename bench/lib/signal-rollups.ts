import { sql } from 'drizzle-orm';

import type { Db } from '@/lib/db/client';

/**
 * Daily rollups as ingestion would leave them, for `accounts` accounts over `days` days up to
 * today: logins every day, invites and deletions on some days. A fifth of the accounts fall off in
 * the last 7 days and a tenth invite more, so signals fire. Written oldest day first, as ingestion
 * writes each day's rows during that day, so a day's rows sit together in the table as they do in
 * production: the day is the outer loop of a lateral join (`offset 0` keeps it from being
 * flattened), so no sort is needed. Written account by account, every day was spread over every
 * page, and reading the slide's five boundary days read the whole table.
 */
export async function generateSignalRollups(db: Db, environmentId: number, accounts: number, days: number): Promise<void> {
  await db.execute(sql`
    insert into daily_rollups (environment_id, account_id, event_name, day, count)
    select ${environmentId}, r.account_id, r.name, current_date - d, r.count
    from generate_series(${days - 1}::int, 0, -1) d
    cross join lateral (
      select 'acct-' || a as account_id, e.name,
             case
               when e.name = 'frontegg.user.authenticated' then (5 + (a * 7 + d * 13) % 25) * (case when a % 5 = 0 and d <= 7 then 0.3 else 1 end)
               else 1 + (a + d) % 3
             end as count
      from generate_series(1, ${accounts}::int) a
      cross join (values ('frontegg.user.authenticated'), ('frontegg.user.invitedToTenant'), ('frontegg.user.deleted')) e(name)
      where e.name = 'frontegg.user.authenticated'
         or (e.name = 'frontegg.user.invitedToTenant' and (case when a % 10 = 0 and d <= 7 then (a + d) % 2 = 0 else (a + d * 5) % 11 = 0 end))
         or (e.name = 'frontegg.user.deleted' and ((a % 5 = 0 and d <= 7 and (a + d) % 2 = 0) or (a * 17 + d * 7) % 97 = 0))
      offset 0
    ) r`);
  await db.execute(sql`analyze daily_rollups`);
}
