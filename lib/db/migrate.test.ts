import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';

import { describeEachDatabase } from '@/lib/testing/databases';

import { migrateConnection } from './migrate';
import { queryRows } from './rows';

describeEachDatabase('migrations', (database) => {
  it('apply every table of the domain, and applying again changes nothing', async () => {
    const { connection, db } = database();
    await migrateConnection(connection);
    const rows = await queryRows<{ table_name: string }>(
      db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      'account_activity',
      'account_memberships',
      'accounts',
      'admin_sessions',
      'admin_users',
      'cohort_memberships',
      'cohort_notifications',
      'cohort_runs',
      'cohorts',
      'connections',
      'daily_rollups',
      'dashboard_summary_state',
      'deliveries',
      'environment_active_days',
      'environment_daily_totals',
      'environment_open_signal_sets',
      'environments',
      'event_message_ids',
      'event_types',
      'events',
      'instance_settings',
      'late_rollup_accounts',
      'metrics',
      'scheduled_jobs',
      'sign_in_failures',
      'sign_in_throttles',
      'signal_account_totals',
      'signal_occurrences',
      'signal_settings',
      'signal_totals_state',
      'users',
      'write_keys',
    ]);
  });

  it('key the large tables by environment and account first', async () => {
    const { db } = database();
    const rows = await queryRows<{ table_name: string; columns: string }>(
      db,
      sql`
      select c.relname as table_name, string_agg(a.attname, ',' order by k.ord) as columns
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
      where i.indisprimary and c.relname in ('events', 'daily_rollups', 'accounts', 'account_memberships', 'signal_occurrences')
      group by c.relname order by c.relname`,
    );
    for (const row of rows) expect(row.columns.split(',').slice(0, 2)).toEqual(['environment_id', 'account_id']);
    expect(rows).toHaveLength(5);
  });
});
