import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';

import { queryRows } from '@/lib/db/rows';
import { dailyRollups, lateRollupAccounts, signalAccountTotals } from '@/lib/db/schema';
import { createEnvironment } from '@/lib/environments/create-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { writeEvents } from '@/lib/ingest/write-events';
import { listMetrics, updateMetric } from '@/lib/metrics/metrics';
import { describeEachDatabase } from '@/lib/testing/databases';

import { readAccountTotals, refreshAccountTotals, takeMarks } from './account-totals';
import { toAccountTotals, totalsLayout } from './window-totals';
import { addDays } from './windows';

const NOW = new Date('2026-11-24T12:00:00Z');
const names = [
  'frontegg.user.authenticated',
  'frontegg.user.authenticatedWithSSO',
  'token.refreshed',
  'frontegg.user.invitedToTenant',
  'frontegg.user.deleted',
  'frontegg.user.removedFromTenant',
  'page.viewed',
];

/** The totals as the evaluation used to compute them: every window summed from the rollups as they are now. */
async function expectedTotals(db: Parameters<typeof listMetrics>[0], envId: number, now: Date) {
  const metrics = await listMetrics(db, envId);
  const last = addDays(now.toISOString().slice(0, 10), -1);
  const rows = await db.select().from(dailyRollups).where(eq(dailyRollups.environmentId, envId));
  const matches = (keys: string[], name: string) =>
    keys.some((k) => (k.endsWith('*') ? name.startsWith(k.slice(0, -1)) : name === k));
  const byAccount = new Map<string, Record<string, number>>();
  for (const c of totalsLayout(metrics)) {
    const from = addDays(last, -c.oldest);
    const to = addDays(last, -c.newest);
    for (const r of rows) {
      if (r.accountId === '' || r.day < from || r.day > to || !matches(c.metric.eventKeys, r.eventName)) continue;
      const totals = byAccount.get(r.accountId) ?? {};
      totals[c.name] = (totals[c.name] ?? 0) + r.count;
      byAccount.set(r.accountId, totals);
    }
  }
  const layout = totalsLayout(metrics);
  return Object.fromEntries([...byAccount].map(([a, t]) => [a, Object.fromEntries(layout.map((c) => [c.name, t[c.name] ?? 0]))]));
}

async function actualTotals(db: Parameters<typeof listMetrics>[0], envId: number) {
  const totals = await readAccountTotals(db, envId, await listMetrics(db, envId));
  return Object.fromEntries(totals.map((a) => [a.accountId, a.totals]));
}

/** The totals stored as of `asOf`, read or not. */
async function storedTotals(db: Parameters<typeof listMetrics>[0], envId: number, asOf: string) {
  const layout = totalsLayout(await listMetrics(db, envId));
  const rows = await db
    .select()
    .from(signalAccountTotals)
    .where(and(eq(signalAccountTotals.environmentId, envId), eq(signalAccountTotals.asOf, asOf)));
  return Object.fromEntries(rows.map((r) => [r.accountId, toAccountTotals(layout, r.accountId, r.totals).totals]));
}

const event = (i: number, accountId: string, name: string, day: string, batch = 'm'): IngestEvent => ({
  messageId: `${batch}-${accountId}-${name}-${day}-${i}`,
  name,
  accountId,
  userId: null,
  anonymousId: null,
  timestamp: new Date(`${day}T${String(i % 24).padStart(2, '0')}:30:00Z`),
  properties: {},
});

describeEachDatabase('account totals', (database) => {
  let env = { id: 0, timeZone: 'UTC' };
  afterEach(() => {
    vi.useRealTimers();
  });

  beforeAll(async () => {
    const { db } = database();
    await ensureBuiltInEnvironments(db);
    env = { id: (await createEnvironment(db, { name: 'Totals test' })).id, timeZone: 'UTC' };
    // 70 days of irregular activity for five accounts (and some with no account), ingested as usual.
    const events: IngestEvent[] = [];
    for (let day = 0; day < 70; day++) {
      for (let a = 0; a < 5; a++) {
        names.forEach((name, n) => {
          const count = (day * 7 + a * 3 + n * 5) % 4 === 0 ? 0 : (day + a + n) % 3;
          for (let i = 0; i < count; i++) events.push(event(i, a === 4 ? '' : `acct-${a}`, name, addDays('2026-11-23', -day)));
        });
      }
    }
    await db.transaction((tx) => writeEvents(tx, env, events));
  });

  it('are built equal to the sums of the rollups', async () => {
    const { db } = database();
    const refresh = await refreshAccountTotals(db, env, await listMetrics(db, env.id), NOW);
    expect(refresh).toMatchObject({ kind: 'built', asOf: '2026-11-23' });
    expect(await actualTotals(db, env.id)).toEqual(await expectedTotals(db, env.id, NOW));
  });

  it('follow late events for old days, and slide day by day', async () => {
    const { db } = database();
    // Late events: one for a day about to leave the 60 days, one mid-window, one for yesterday, and
    // a new account; then the next day's events.
    const late = [
      event(1, 'acct-0', 'frontegg.user.authenticated', '2026-09-25', 'late'),
      event(2, 'acct-1', 'frontegg.user.invitedToTenant', '2026-11-02', 'late'),
      event(3, 'acct-2', 'frontegg.user.deleted', '2026-11-23', 'late'),
      event(4, 'acct-new', 'token.refreshed', '2026-10-30', 'late'),
    ];
    await db.transaction((tx) => writeEvents(tx, env, late));
    const marked = await db.select().from(lateRollupAccounts).where(eq(lateRollupAccounts.environmentId, env.id));
    expect(marked.map((m) => `${m.accountId} ${m.firstDay} ${m.lastDay}`).sort()).toEqual([
      'acct-0 2026-09-25 2026-09-25',
      'acct-1 2026-11-02 2026-11-02',
      'acct-2 2026-11-23 2026-11-23',
      'acct-new 2026-10-30 2026-10-30',
    ]);
    await db.transaction((tx) =>
      writeEvents(tx, env, [
        event(5, 'acct-3', 'frontegg.user.authenticated', '2026-11-24'),
        event(6, 'acct-4', 'api.call', '2026-11-24'),
      ]),
    );

    for (const now of ['2026-11-25T08:00:00Z', '2026-11-25T09:00:00Z', '2026-11-28T08:00:00Z']) {
      const at = new Date(now);
      const metrics = await listMetrics(db, env.id);
      await refreshAccountTotals(db, env, metrics, at);
      expect(await actualTotals(db, env.id), now).toEqual(await expectedTotals(db, env.id, at));
    }
    expect(await db.select().from(lateRollupAccounts).where(eq(lateRollupAccounts.environmentId, env.id))).toEqual([]);
  });

  it('are rebuilt when a metric changes, or when the clock goes back', async () => {
    const { db } = database();
    await updateMetric(db, env.id, 'logins', { eventKeys: ['frontegg.user.authenticatedWithSSO'] });
    const at = new Date('2026-11-28T10:00:00Z');
    expect((await refreshAccountTotals(db, env, await listMetrics(db, env.id), at)).kind).toBe('built');
    expect(await actualTotals(db, env.id)).toEqual(await expectedTotals(db, env.id, at));
    expect((await refreshAccountTotals(db, env, await listMetrics(db, env.id), NOW)).kind).toBe('built');
    expect(await actualTotals(db, env.id)).toEqual(await expectedTotals(db, env.id, NOW));
  });

  it('count a key that is in two metrics in both, built and slid', async () => {
    const { db } = database();
    await updateMetric(db, env.id, 'api_calls', { eventKeys: ['api.call', 'token.refreshed', 'frontegg.user.*'] });
    for (const [now, kind] of [
      ['2026-11-24T10:00:00Z', 'built'],
      ['2026-11-25T10:00:00Z', 'slid'],
      ['2026-11-27T10:00:00Z', 'slid'],
    ] as const) {
      const at = new Date(now);
      expect((await refreshAccountTotals(db, env, await listMetrics(db, env.id), at)).kind).toBe(kind);
      expect(await actualTotals(db, env.id), now).toEqual(await expectedTotals(db, env.id, at));
    }
  });

  it('are prepared for the next day in its last minutes, and switched to at midnight with the late events since', async () => {
    const { db } = database();
    const metrics = await listMetrics(db, env.id);
    const refresh = (at: string) => refreshAccountTotals(db, env, metrics, new Date(at));
    // Ingestion marks writes by its own clock: only Date is faked, so the database driver's timers run.
    const writeAt = async (at: string, events: IngestEvent[]) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(at));
      await db.transaction((tx) => writeEvents(tx, env, events));
      vi.useRealTimers();
    };
    const marks = () => db.select().from(lateRollupAccounts).where(eq(lateRollupAccounts.environmentId, env.id));

    await writeAt('2026-11-27T23:35:00Z', [event(20, 'acct-1', 'frontegg.user.authenticated', '2026-11-27', 'before')]);
    expect(await marks()).toEqual([]);
    expect(await refresh('2026-11-27T23:45:00Z')).toMatchObject({ kind: 'current', asOf: '2026-11-26', prepared: null });
    expect(await refresh('2026-11-27T23:51:00Z')).toMatchObject({ kind: 'current', asOf: '2026-11-26', prepared: '2026-11-27' });
    const closed = new Date('2026-11-28T00:00:00Z');
    expect(await actualTotals(db, env.id)).toEqual(await expectedTotals(db, env.id, new Date('2026-11-27T23:51:00Z')));
    expect(await storedTotals(db, env.id, '2026-11-27')).toEqual(await expectedTotals(db, env.id, closed));
    // A clock gone back before the closing minutes drops them; they are prepared again in time.
    expect(await refresh('2026-11-27T23:48:00Z')).toMatchObject({ kind: 'current', prepared: null });
    expect(await storedTotals(db, env.id, '2026-11-27')).toEqual({});
    expect(await refresh('2026-11-27T23:51:00Z')).toMatchObject({ kind: 'current', prepared: '2026-11-27' });

    // Writes after the preparation: to the closing day, to a day in every window, to the day about to
    // leave them, and a new account. A tick before midnight counts them in both sets.
    await writeAt('2026-11-27T23:53:00Z', [
      event(21, 'acct-1', 'frontegg.user.authenticated', '2026-11-27', 'after'),
      event(22, 'acct-2', 'frontegg.user.invitedToTenant', '2026-11-10', 'after'),
      event(23, 'acct-0', 'frontegg.user.deleted', '2026-09-28', 'after'),
      event(24, 'acct-late', 'token.refreshed', '2026-11-27', 'after'),
    ]);
    expect(await marks()).toHaveLength(4);
    expect(await refresh('2026-11-27T23:56:00Z')).toMatchObject({ kind: 'current', prepared: '2026-11-27', recomputed: 4 });
    expect(await actualTotals(db, env.id)).toEqual(await expectedTotals(db, env.id, new Date('2026-11-27T23:56:00Z')));
    expect(await storedTotals(db, env.id, '2026-11-27')).toEqual(await expectedTotals(db, env.id, closed));
    expect(await marks()).toEqual([]);

    // More of the same after that tick, left for midnight.
    await writeAt('2026-11-27T23:59:00Z', [
      event(25, 'acct-3', 'frontegg.user.authenticated', '2026-11-27', 'last'),
      event(26, 'acct-0', 'frontegg.user.authenticated', '2026-09-28', 'last'),
    ]);
    expect(await refresh('2026-11-28T00:01:00Z')).toMatchObject({ kind: 'switched', asOf: '2026-11-27', prepared: null });
    expect(await actualTotals(db, env.id)).toEqual(await expectedTotals(db, env.id, closed));
    expect(await marks()).toEqual([]);

    // The previous day's totals are deleted by the next tick with nothing else to do.
    const days = async () =>
      (
        await queryRows<{ as_of: string }>(
          db,
          sql`select distinct to_char(as_of, 'YYYY-MM-DD') as as_of from signal_account_totals where environment_id = ${env.id} order by 1`,
        )
      ).map((r) => r.as_of);
    expect(await days()).toEqual(['2026-11-26', '2026-11-27']);
    expect(await refresh('2026-11-28T00:06:00Z')).toMatchObject({ kind: 'current', prepared: null });
    expect(await days()).toEqual(['2026-11-27']);
    expect(await actualTotals(db, env.id)).toEqual(await expectedTotals(db, env.id, closed));
  });

  it('mark each account once, widened to every late day written, and take the marks in one go', async () => {
    const { db } = database();
    const env = { id: (await createEnvironment(db, { name: 'Marks' })).id, timeZone: 'UTC' };
    const backfill = Array.from({ length: 300 }, (_, i) =>
      event(1000 + i, `acct-${i % 10}`, 'frontegg.user.authenticated', addDays('2026-08-01', Math.floor(i / 10)), 'backfill'),
    );
    await writeEvents(db, env, backfill.slice(0, 150));
    await writeEvents(db, env, backfill.slice(150));
    const taken = await takeMarks(db, env.id);
    expect(taken).toHaveLength(10);
    expect(taken.find((m) => m.account_id === 'acct-7')).toEqual({
      account_id: 'acct-7',
      first: '2026-08-01',
      last: '2026-08-30',
    });
    expect(await db.select().from(lateRollupAccounts).where(eq(lateRollupAccounts.environmentId, env.id))).toEqual([]);
    // A mark written after they were taken is there for the next refresh.
    await writeEvents(db, env, [event(2000, 'acct-late', 'token.refreshed', '2026-09-01', 'after')]);
    expect(await takeMarks(db, env.id)).toEqual([{ account_id: 'acct-late', first: '2026-09-01', last: '2026-09-01' }]);
  });
});
