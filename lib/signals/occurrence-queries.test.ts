import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';

import { createEnvironment } from '@/lib/environments/create-environment';
import { describeEachDatabase } from '@/lib/testing/databases';

import { listOccurrences, occurrenceListParams, PAGE_SIZE } from './occurrence-queries';

describeEachDatabase('the accounts-in-signals table', (database) => {
  let envId = 0;
  // 60 accounts: 30 in logins_drop_7d, every third also in invites_rise_30d (then ended), some named.
  beforeAll(async () => {
    const { db } = database();
    envId = (await createEnvironment(db, { name: 'Occurrence list' })).id;
    const other = (await createEnvironment(db, { name: 'Occurrence other' })).id;
    for (let i = 0; i < 60; i++) {
      const account = `acct-${String(i).padStart(2, '0')}`;
      const previous = 10 + i;
      const current = (i * 7) % 13; // changes that do not follow the account order, with ties
      await db.execute(sql`
        insert into signal_occurrences (environment_id, account_id, signal_key, window_days, current, previous, change_pct, reason, started_at, ended_at)
        values (${envId}, ${account}, 'logins_drop_7d', 7, ${current}, ${previous}, ${((current - previous) / previous) * 100},
          'r', ${`2026-11-${String(1 + (i % 20)).padStart(2, '0')}T00:00:00Z`}::timestamptz, ${i % 4 === 3 ? '2026-11-23T00:00:00Z' : null}::timestamptz)`);
      if (i % 10 === 0)
        await db.execute(sql`insert into accounts (environment_id, account_id, traits, first_seen_at, last_seen_at)
          values (${envId}, ${account}, ${JSON.stringify({ name: `Account ${i}` })}::jsonb, now(), now())`);
    }
    await db.execute(sql`
      insert into signal_occurrences (environment_id, account_id, signal_key, window_days, current, previous, reason)
      values (${other}, 'acct-00', 'logins_drop_7d', 7, 1, 2, 'other environment')`);
  });

  const all = async (params: Record<string, string>) => {
    const parsed = occurrenceListParams.parse(params);
    const first = await listOccurrences(database().db, envId, { ...parsed, page: 1 });
    const second = await listOccurrences(database().db, envId, { ...parsed, page: 2 });
    return { total: first.total, rows: [...first.rows, ...second.rows] };
  };

  it('pages the open occurrences in the asked order, ties broken the same way on every page', async () => {
    for (const sort of ['change', 'since', 'current', 'account'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const { total, rows } = await all({ sort, dir });
        expect(total).toBe(45);
        expect(rows).toHaveLength(45);
        expect(new Set(rows.map((r) => r.id)).size).toBe(45);
        const key = (r: (typeof rows)[number]) =>
          sort === 'change' ? r.changePct : sort === 'since' ? r.startedAt : sort === 'current' ? r.current : r.accountId;
        const keys = rows.map(key);
        const sorted = [...keys].sort((a, b) => (a === b ? 0 : (a as number | string) < (b as number | string) ? -1 : 1));
        expect(keys).toEqual(dir === 'asc' ? sorted : sorted.reverse());
      }
    }
  });

  it('brings each row with its account name, and filters by account and state', async () => {
    const { rows } = await all({ sort: 'account', dir: 'asc' });
    expect(rows.length).toBeGreaterThan(PAGE_SIZE);
    expect(rows.find((r) => r.accountId === 'acct-10')).toMatchObject({ accountName: 'Account 10', signalKey: 'logins_drop_7d' });
    expect(rows.find((r) => r.accountId === 'acct-12')?.accountName).toBeNull();
    expect(rows.every((r) => r.endedAt === null)).toBe(true);

    const history = await all({ state: 'all', sort: 'account', dir: 'asc' });
    expect(history.total).toBe(60);
    const one = await listOccurrences(database().db, envId, occurrenceListParams.parse({ account: 'acct-03', state: 'all' }));
    expect(one.total).toBe(1);
    expect(one.rows[0]?.endedAt).toBe('2026-11-23T00:00:00.000Z');
    const none = await listOccurrences(database().db, envId, occurrenceListParams.parse({ account: 'acct-03' }));
    expect(none).toEqual({ total: 0, rows: [] });
  });
});
