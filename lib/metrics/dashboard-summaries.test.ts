import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';

import type { Db } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import { createEnvironment } from '@/lib/environments/create-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { writeEvents } from '@/lib/ingest/write-events';
import { type DashboardParams, resolveRange } from '@/lib/signals/dashboard-params';
import { dashboardKpis, dashboardSeries, type Source, topAccountsByInvites } from '@/lib/signals/dashboard-queries';
import { addDays } from '@/lib/signals/windows';
import { describeEachDatabase } from '@/lib/testing/databases';

import { dashboardSummariesReady, ensureDashboardSummaries } from './dashboard-summaries';
import { listMetrics, updateMetric } from './metrics';

const NOW = new Date('2026-11-24T12:00:00Z');
const TODAY = '2026-11-24';
const names = [
  'frontegg.user.authenticated',
  'token.refreshed',
  'frontegg.user.invitedToTenant',
  'frontegg.user.invitedToTenantAgain',
  'frontegg.user.deleted',
  'page.viewed',
];

const event = (i: number, accountId: string, name: string, day: string, batch = 'm'): IngestEvent => ({
  messageId: `${batch}-${accountId}-${name}-${day}-${i}`,
  name,
  accountId,
  userId: null,
  anonymousId: null,
  timestamp: new Date(`${day}T${String(i % 24).padStart(2, '0')}:30:00Z`),
  properties: {},
});

const ranges: DashboardParams[] = [
  { range: '7d' },
  { range: '30d' },
  { range: '90d' },
  { range: 'custom', from: '2026-06-01', to: '2026-06-20' },
  { range: 'custom', from: '2025-01-01', to: '2025-03-01' },
  { range: 'custom', from: '2026-08-10', to: TODAY },
  { range: 'custom', from: TODAY, to: TODAY },
];

/** The dashboard's environment-wide figures for every range, from the rollups or from the summaries. */
async function figures(db: Db, envId: number, source: Source) {
  const metrics = await listMetrics(db, envId);
  const scope = { environmentId: envId };
  const out = [];
  for (const params of ranges) {
    const range = resolveRange(params, 'UTC', NOW);
    out.push({
      params,
      kpis: await dashboardKpis(db, scope, range, metrics, source),
      series: await dashboardSeries(db, scope, range, metrics, source),
      top: await topAccountsByInvites(db, scope, range, metrics, 10, source),
      top3: await topAccountsByInvites(db, scope, range, metrics, 3, source),
    });
  }
  return out;
}

describeEachDatabase('dashboard summaries', (database) => {
  let env = { id: 0, timeZone: 'UTC' };

  const expectEqualToRollups = async (db: Db) => {
    const metrics = await listMetrics(db, env.id);
    expect(await dashboardSummariesReady(db, env.id, metrics)).toBe(true);
    const fast = await figures(db, env.id, 'summaries');
    expect(fast).toEqual(await figures(db, env.id, 'rollups'));
    return fast;
  };

  beforeAll(async () => {
    const { db } = database();
    await ensureBuiltInEnvironments(db);
    env = { id: (await createEnvironment(db, { name: 'Summaries test' })).id, timeZone: 'UTC' };
    // 200 days of irregular activity, with gaps, for twelve accounts (and events with no account),
    // written before the summaries are built: the build must take them from the rollups.
    const events: IngestEvent[] = [];
    for (let day = 0; day < 200; day++) {
      for (let a = 0; a < 12; a++) {
        if ((day + a) % 9 < 2 || (a === 7 && day > 40)) continue;
        names.forEach((name, n) => {
          const count = (day * 7 + a * 3 + n * 5) % 4 === 0 ? 0 : (day + a * 2 + n) % 3;
          for (let i = 0; i < count; i++) events.push(event(i, a === 11 ? '' : `acct-${a}`, name, addDays(TODAY, -day)));
        });
      }
    }
    await db.transaction((tx) => writeEvents(tx, env, events));
    await updateMetric(db, env.id, 'invited_users', { eventKeys: ['frontegg.user.invitedToTenant'] });
  });

  it('are built from the rollups once, and give the figures of the rollups', async () => {
    const { db } = database();
    const metrics = await listMetrics(db, env.id);
    expect(await dashboardSummariesReady(db, env.id, metrics)).toBe(false);
    expect(await ensureDashboardSummaries(db, env.id, metrics)).toBe(true);
    expect(await ensureDashboardSummaries(db, env.id, metrics)).toBe(false);
    const fast = await expectEqualToRollups(db);
    // The comparison means something: the data has activity, invites and ranked accounts.
    const ninety = fast[2];
    expect(ninety?.kpis.find((k) => k.key === 'active')?.value).toBeGreaterThan(5);
    expect(ninety?.top.length).toBeGreaterThan(3);
  });

  it('follow ingestion: late events for old days (before an account was first seen), today, new accounts, repeats', async () => {
    const { db } = database();
    await db.transaction((tx) =>
      writeEvents(tx, env, [
        event(1, 'acct-0', 'frontegg.user.invitedToTenant', addDays(TODAY, -400), 'late'),
        event(2, 'acct-7', 'frontegg.user.invitedToTenant', addDays(TODAY, -60), 'late'),
        event(3, 'acct-7', 'frontegg.user.invitedToTenant', addDays(TODAY, -60), 'late'),
        event(4, 'acct-3', 'page.viewed', addDays(TODAY, -150), 'late'),
        event(5, 'acct-new', 'frontegg.user.invitedToTenant', addDays(TODAY, -100), 'late'),
        event(6, '', 'frontegg.user.deleted', addDays(TODAY, -20), 'late'),
      ]),
    );
    await expectEqualToRollups(db);
    // One more invite on a day whose rollup rows all exist already: nothing new in that flush but the invite.
    await db.transaction((tx) =>
      writeEvents(tx, env, [event(7, 'acct-7', 'frontegg.user.invitedToTenant', addDays(TODAY, -60), 'late-again')]),
    );
    await expectEqualToRollups(db);
    const thatDay = resolveRange({ range: 'custom', from: addDays(TODAY, -60), to: addDays(TODAY, -60) }, 'UTC', NOW);
    const top = await topAccountsByInvites(
      db,
      { environmentId: env.id },
      thatDay,
      await listMetrics(db, env.id),
      20,
      'summaries',
    );
    expect(top.find((t) => t.accountId === 'acct-7')?.invites).toBe(3);
    const today = Array.from({ length: 30 }, (_, i) =>
      event(i, `acct-${i % 13}`, i % 3 === 0 ? 'frontegg.user.invitedToTenant' : 'token.refreshed', TODAY, 'today'),
    );
    await db.transaction((tx) => writeEvents(tx, env, today));
    // A repeated message counts once, here as in the rollups.
    await db.transaction((tx) => writeEvents(tx, env, today.slice(0, 10)));
    await expectEqualToRollups(db);
  });

  it("do not count the product's own events (a signal's trigger) as an account's activity or as seeing it", async () => {
    const { db } = database();
    const metrics = await listMetrics(db, env.id);
    const active = async () => {
      const range = resolveRange({ range: 'custom', from: TODAY, to: TODAY }, 'UTC', NOW);
      const kpis = await dashboardKpis(db, { environmentId: env.id }, range, metrics, 'summaries');
      return kpis.find((k) => k.key === 'active')?.value;
    };
    const before = await active();
    const seen = () =>
      queryRows<{ account_id: string }>(
        db,
        sql`select account_id from accounts where environment_id = ${env.id} and account_id in ('acct-quiet', 'acct-silent')
            and last_seen_at >= ${`${TODAY}T00:00:00Z`}::timestamptz`,
      );
    // acct-quiet was last active a month ago and fires a risk signal today; acct-silent has only the trigger.
    await db.transaction((tx) =>
      writeEvents(tx, env, [event(0, 'acct-quiet', 'token.refreshed', addDays(TODAY, -30), 'trigger')]),
    );
    const beforeTrigger = await active();
    await db.transaction((tx) =>
      writeEvents(tx, env, [
        event(1, 'acct-quiet', 'signal.riskForAbandonment', TODAY, 'trigger'),
        event(2, 'acct-silent', 'signal.engagementLevel', TODAY, 'trigger'),
      ]),
    );
    expect(beforeTrigger).toBe(before);
    expect(await active()).toBe(before);
    expect(await seen()).toEqual([]);
    await expectEqualToRollups(db);
  });

  it('keep the accounts per active day as a rebuild finds them: gaps filled, several days of an account in one write', async () => {
    const { db } = database();
    const activeDays = () =>
      queryRows(
        db,
        sql`select to_char(day, 'YYYY-MM-DD') as day, days_since_previous, accounts from environment_active_days
            where environment_id = ${env.id} and accounts <> 0 order by day, days_since_previous`,
      );
    // acct-5 has no events on the days (day + 5) % 9 < 2 back: 4 and 5, 13 and 14 days ago.
    await db.transaction((tx) =>
      writeEvents(tx, env, [
        event(1, 'acct-5', 'page.viewed', addDays(TODAY, -4), 'gaps'),
        event(2, 'acct-5', 'token.refreshed', addDays(TODAY, -13), 'gaps'),
        event(3, 'acct-5', 'page.viewed', addDays(TODAY, -14), 'gaps'),
        event(4, 'acct-5', 'page.viewed', addDays(TODAY, -14), 'gaps'),
        event(5, 'acct-fresh', 'page.viewed', addDays(TODAY, -30), 'gaps'),
        event(6, 'acct-fresh', 'page.viewed', addDays(TODAY, -11), 'gaps'),
        event(7, 'acct-fresh', 'frontegg.user.invitedToTenant', addDays(TODAY, -10), 'gaps'),
        event(8, 'acct-7', 'page.viewed', addDays(TODAY, -50), 'gaps'),
        event(9, 'acct-7', 'page.viewed', addDays(TODAY, -45), 'gaps'),
      ]),
    );
    // Then the day between two of them, and one already active.
    await db.transaction((tx) =>
      writeEvents(tx, env, [
        event(1, 'acct-fresh', 'page.viewed', addDays(TODAY, -20), 'gaps2'),
        event(2, 'acct-5', 'page.viewed', addDays(TODAY, -5), 'gaps2'),
        event(3, 'acct-5', 'page.viewed', addDays(TODAY, -4), 'gaps2'),
      ]),
    );
    await expectEqualToRollups(db);
    const kept = await activeDays();
    expect(kept.length).toBeGreaterThan(100);
    // Summaries of an older version are not used, and are built again.
    await db.execute(sql`update dashboard_summary_state set version = 1 where environment_id = ${env.id}`);
    const metrics = await listMetrics(db, env.id);
    expect(await dashboardSummariesReady(db, env.id, metrics)).toBe(false);
    expect(await ensureDashboardSummaries(db, env.id, metrics)).toBe(true);
    expect(await activeDays()).toEqual(kept);
  });

  it('are rebuilt after the invited_users metric changes, and then count its new keys', async () => {
    const { db } = database();
    await updateMetric(db, env.id, 'invited_users', { eventKeys: ['frontegg.user.invitedTo*'] });
    const metrics = await listMetrics(db, env.id);
    expect(await dashboardSummariesReady(db, env.id, metrics)).toBe(false);
    expect(await ensureDashboardSummaries(db, env.id, metrics)).toBe(true);
    await expectEqualToRollups(db);
    await db.transaction((tx) =>
      writeEvents(tx, env, [
        event(1, 'acct-2', 'frontegg.user.invitedToTenantAgain', addDays(TODAY, -3), 'again'),
        event(2, 'acct-9', 'frontegg.user.invitedToTenantAgain', TODAY, 'again'),
      ]),
    );
    await expectEqualToRollups(db);
  });

  it('count invites again after an edit without rebuilding the rest, keys matching nothing included', async () => {
    const { db } = database();
    // Rows a rebuild would delete and insert again keep their place when only invites are recounted.
    const places = () =>
      queryRows(
        db,
        sql`select ctid::text as place from environment_daily_totals where environment_id = ${env.id}
            union all select ctid::text from environment_active_days where environment_id = ${env.id} order by 1`,
      );
    const before = await places();
    for (const eventKeys of [
      ['nothing.matches*'],
      ['frontegg.user.invitedToTenant', 'page.viewed'],
      ['frontegg.user.invitedTo*'],
    ]) {
      await updateMetric(db, env.id, 'invited_users', { eventKeys });
      expect(await ensureDashboardSummaries(db, env.id, await listMetrics(db, env.id))).toBe(true);
      const fast = await expectEqualToRollups(db);
      const invites = fast[2]?.kpis.find((k) => k.key === 'invites')?.value;
      if (eventKeys[0] === 'nothing.matches*') expect(invites).toBe(0);
      else expect(invites).toBeGreaterThan(0);
    }
    expect(await places()).toEqual(before);
  });
});
