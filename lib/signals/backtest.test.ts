import { beforeAll, expect, it } from 'vitest';

import { dailyRollups } from '@/lib/db/schema';
import { createEnvironment } from '@/lib/environments/create-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { defaultMetrics } from '@/lib/metrics/definitions';
import { describeEachDatabase } from '@/lib/testing/databases';

import { backtestSignal } from './backtest';
import { signalDefinitions } from './definitions';
import { addDays } from './windows';

const NOW = new Date('2026-11-24T12:00:00Z');
const signal = signalDefinitions.find((s) => s.key === 'logins_drop_7d');
const metric = { ...defaultMetrics[0], customized: false } as (typeof defaultMetrics)[number] & { customized: boolean };

describeEachDatabase('backtest', (database) => {
  let env = { id: 0, timeZone: 'UTC' };
  beforeAll(async () => {
    const { db } = database();
    await ensureBuiltInEnvironments(db);
    env = { id: (await createEnvironment(db, { name: 'Backtest' })).id, timeZone: 'UTC' };
    // 20 logins a day until 5 days ago, then 2 a day: the 7-day drop appears in the last days.
    await db.insert(dailyRollups).values(
      Array.from({ length: 60 }, (_, i) => ({
        environmentId: env.id,
        accountId: 'slowing',
        eventName: 'frontegg.user.authenticated',
        day: addDays('2026-11-23', -i),
        count: i < 5 ? 2 : 20,
      })),
    );
  });

  it('counts who would have fired and how many notifications, and a stricter threshold sends fewer', async () => {
    if (!signal) throw new Error('signal missing');
    const loose = await backtestSignal(
      database().db,
      env,
      signal,
      metric,
      { enabled: true, thresholdPct: 30, minVolume: 10, topN: 10, days: 30 },
      NOW,
    );
    expect(loose.notifications).toBe(1);
    expect(loose.accounts).toEqual([
      { accountId: 'slowing', fired: 1, firstFiredOn: expect.any(String), lastFiredOn: expect.any(String) },
    ]);
    expect(loose.perDay).toHaveLength(30);
    const strict = await backtestSignal(
      database().db,
      env,
      signal,
      metric,
      { enabled: true, thresholdPct: 95, minVolume: 10, topN: 10, days: 30 },
      NOW,
    );
    expect(strict.notifications).toBe(0);
    // A higher threshold fires later: only once the drop has deepened.
    const mid = await backtestSignal(
      database().db,
      env,
      signal,
      metric,
      { enabled: true, thresholdPct: 60, minVolume: 10, topN: 10, days: 30 },
      NOW,
    );
    expect((mid.accounts[0]?.firstFiredOn ?? '') > (loose.accounts[0]?.firstFiredOn ?? '')).toBe(true);
  });
});
