import { sql } from 'drizzle-orm';

import type { EventWriteContext, WriteFragment } from '@/lib/db/write-fragments';
import { isActivityEvent } from '@/lib/events/product-events';

import { accountActivityFrom, activeDayChanges, matchesAnyKey, mergeAccountActivity } from './dashboard-summaries';
import { firstUnmarkedDay } from './day-close';

/** The `lateBefore` placeholder's value: writes to days before it are marked late (./day-close.ts). */
export const countEventsValues = (timeZone: string, now: Date) => ({ lateBefore: firstUnmarkedDay(timeZone, now) });

/**
 * Each new event counted where the signals and the dashboard read counts: the daily rollups
 * (per account, name and day), the late marks of accounts whose finished days changed, and the
 * environment-wide dashboard's summaries (./dashboard-summaries.ts).
 */
export const countEvents = ({ env, fresh }: EventWriteContext): WriteFragment => ({
  ctes: [
    {
      name: 'rollups',
      body: sql`insert into daily_rollups (environment_id, account_id, event_name, day, count)
      select ${env}, a, n, d, count(*) from ${fresh} group by a, n, d order by a, n, d
      on conflict (environment_id, account_id, event_name, day)
        do update set count = daily_rollups.count + excluded.count
      returning account_id, day, (xmax = 0) as created`,
    },
    // Late events: rollups of a day already over (or nearly) changed, so the signals job must
    // recompute those accounts' window totals (lib/signals/account-totals.ts). One mark an account,
    // widened to the days this write touched.
    {
      name: 'late',
      body: sql`insert into late_rollup_accounts as t (environment_id, account_id, first_day, last_day)
      select ${env}, a, min(d), max(d) from ${fresh} where a <> '' and d < ${sql.placeholder('lateBefore')}::date group by a order by a
      on conflict (environment_id, account_id) do update
        set first_day = least(t.first_day, excluded.first_day), last_day = greatest(t.last_day, excluded.last_day)`,
    },
    {
      name: 'day_totals',
      body: sql`insert into environment_daily_totals (environment_id, day, event_name, count)
      select ${env}, d, n, count(*) from ${fresh} group by d, n order by d, n
      on conflict (environment_id, day, event_name) do update set count = environment_daily_totals.count + excluded.count`,
    },
    // Each name is matched against the invite keys once, not each event.
    {
      name: 'invite_names',
      body: sql`select f.n from (select distinct n from ${fresh}) f join dashboard_summary_state s on s.environment_id = ${env}
      where ${matchesAnyKey(sql`f.n`, sql`s.invite_keys`)}`,
    },
    // Only what can change an account's activity: a day it had no rollup row for yet (so possibly
    // a new active day) or invites. Most writes touch accounts already active that day and skip
    // this upsert; a write with neither does not read its events here at all (the first line is
    // checked once).
    {
      name: 'account_days',
      body: sql`select f.a, f.d, count(i.n) as inv from ${fresh} f left join invite_names i on i.n = f.n
      where (exists (select 1 from rollups where created) or exists (select 1 from invite_names))
        and f.a <> '' and ${isActivityEvent(sql`f.n`)} group by f.a, f.d
      having count(i.n) > 0 or exists (select 1 from rollups r where r.account_id = f.a and r.day = f.d and r.created)`,
    },
    {
      name: 'activity',
      body: sql`insert into account_activity as t (environment_id, account_id, first_day, active, added_days, invite_days, invite_totals)
      select ${env}, a, first_day, active, active, invite_days, invite_totals from (${accountActivityFrom(sql`account_days`)}) s order by a
      ${mergeAccountActivity}
      returning account_id, first_day, active, added_days`,
    },
    // Accounts per active day by gap: only the rows above whose active days grew (usually by one).
    {
      name: 'active_days',
      body: sql`insert into environment_active_days as t (environment_id, day, days_since_previous, accounts)
      select ${env}, day, since, sum(delta)::int from (${activeDayChanges(sql`activity`)}) c group by day, since order by day, since
      on conflict (environment_id, day, days_since_previous) do update set accounts = t.accounts + excluded.accounts`,
    },
  ],
});
