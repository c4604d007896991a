import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';

import { queryRows } from '@/lib/db/rows';
import { createEnvironment } from '@/lib/environments/create-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { listMetrics } from '@/lib/metrics/metrics';
import { describeEachDatabase } from '@/lib/testing/databases';

import { resolveRange } from './dashboard-params';
import { dashboardKpis, type Source } from './dashboard-queries';

const NOW = new Date('2026-11-24T12:00:00Z');

describeEachDatabase('dashboard KPIs of signals', (database) => {
  let envId = 0;
  let otherId = 0;

  beforeAll(async () => {
    const { db } = database();
    await ensureBuiltInEnvironments(db);
    envId = (await createEnvironment(db, { name: 'KPI test' })).id;
    otherId = (await createEnvironment(db, { name: 'KPI other' })).id;
    const other = otherId;
    // [environment, account, signal, started, ended]; the 30-day range's previous period ends 2026-10-25T23:59:59Z.
    const occurrences: [number, string, string, string, string | null][] = [
      [envId, 'acct-a', 'logins_drop_7d', '2026-10-01T00:00:00Z', null],
      [envId, 'acct-a', 'invites_rise_7d', '2026-11-20T00:00:00Z', null],
      [envId, 'acct-b', 'deleted_users_rise_7d', '2026-10-01T00:00:00Z', '2026-10-25T23:59:59Z'],
      [envId, 'acct-b', 'logins_drop_7d', '2026-10-20T00:00:00Z', '2026-10-26T01:00:00Z'],
      [envId, 'acct-c', 'logins_drop_7d', '2026-09-01T00:00:00Z', null],
      [envId, 'acct-c', 'deleted_users_rise_30d', '2026-09-15T00:00:00Z', null],
      [envId, 'acct-d', 'top_invites_30d', '2026-10-25T23:59:59Z', null],
      [envId, 'acct-e', 'invites_rise_30d', '2026-11-01T00:00:00Z', '2026-11-10T00:00:00Z'],
      [other, 'acct-x', 'logins_drop_7d', '2026-09-01T00:00:00Z', null],
      [other, 'acct-y', 'invites_rise_7d', '2026-09-01T00:00:00Z', null],
    ];
    for (const [env, account, key, started, ended] of occurrences) {
      await db.execute(sql`
        insert into signal_occurrences (environment_id, account_id, signal_key, window_days, current, previous, reason, started_at, ended_at)
        values (${env}, ${account}, ${key}, 7, 1, 2, 'test', ${started}::timestamptz, ${ended}::timestamptz)`);
    }
  });

  const kpis = async (range: '7d' | '30d', source: Source, accountId?: string) => {
    const { db } = database();
    const metrics = await listMetrics(db, envId);
    const resolved = resolveRange({ range }, 'UTC', NOW);
    return (await dashboardKpis(db, { environmentId: envId, accountId }, resolved, metrics, source))
      .filter((k) => k.key === 'at_risk' || k.key === 'engaged')
      .map(({ key, value, previous }) => ({ key, value, previous }));
  };
  /** The whole environment's figures: the open signal sets kept by the trigger give those of the occurrences. */
  const signalKpis = async (range: '7d' | '30d') => {
    const fromOccurrences = await kpis(range, 'rollups');
    expect(await kpis(range, 'summaries')).toEqual(fromOccurrences);
    return fromOccurrences;
  };

  it('count accounts in a signal now and at the end of the previous period, each account once', async () => {
    expect(await signalKpis('30d')).toEqual([
      { key: 'at_risk', value: 2, previous: 3 },
      { key: 'engaged', value: 2, previous: 1 },
    ]);
    expect(await signalKpis('7d')).toEqual([
      { key: 'at_risk', value: 2, previous: 2 },
      { key: 'engaged', value: 2, previous: 1 },
    ]);
  });

  it('count one account only in its own view', async () => {
    expect(await kpis('30d', 'rollups', 'acct-a')).toEqual([
      { key: 'at_risk', value: 1, previous: 1 },
      { key: 'engaged', value: 1, previous: 0 },
    ]);
    expect(await kpis('30d', 'rollups', 'acct-b')).toEqual([
      { key: 'at_risk', value: 0, previous: 1 },
      { key: 'engaged', value: 0, previous: 0 },
    ]);
  });

  it('follow every write of the occurrences: several rows at once, ended, renumbered, deleted', async () => {
    const { db } = database();
    await db.execute(sql`
      insert into signal_occurrences (environment_id, account_id, signal_key, window_days, current, previous, reason, started_at)
      select ${envId}, 'acct-' || n % 7, k, 7, 1, 2, 'test', '2026-11-23T00:00:00Z'
      from generate_series(1, 20) n, unnest(array['logins_drop_7d', 'invites_rise_7d', 'top_invites_30d']) k
      where (n + length(k)) % 3 <> 0`);
    const open = await signalKpis('30d');
    expect(open[0]?.value).toBeGreaterThan(2);
    await db.execute(sql`update signal_occurrences set current = current + 1 where environment_id = ${envId}`);
    expect(await signalKpis('30d')).toEqual(open);
    await db.execute(sql`
      update signal_occurrences set ended_at = '2026-11-24T00:00:00Z'
      where environment_id = ${envId} and ended_at is null and (account_id in ('acct-a', 'acct-3') or signal_key = 'invites_rise_7d')`);
    await signalKpis('30d');
    await db.execute(sql`delete from signal_occurrences where environment_id = ${envId} and account_id in ('acct-c', 'acct-5')`);
    expect(await signalKpis('30d')).not.toEqual(open);
    await db.execute(
      sql`update signal_occurrences set ended_at = null where environment_id = ${envId} and account_id = 'acct-3'`,
    );
    await signalKpis('7d');
    // Rows moved to another account or key count as closed there and opened here.
    await db.execute(
      sql`update signal_occurrences set account_id = 'acct-6' where environment_id = ${envId} and account_id = 'acct-d'`,
    );
    await db.execute(sql`
      update signal_occurrences set signal_key = 'logins_drop_7d'
      where environment_id = ${envId} and account_id = 'acct-1' and signal_key = 'invites_rise_7d'`);
    await signalKpis('30d');
  });

  it('let an environment with occurrences be deleted', async () => {
    const { db } = database();
    await db.execute(sql`delete from environments where id = ${otherId}`);
    const rows = await queryRows(db, sql`select 1 from environment_open_signal_sets where environment_id = ${otherId}`);
    expect(rows).toEqual([]);
    await signalKpis('30d');
  });
});
