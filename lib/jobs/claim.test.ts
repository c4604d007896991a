import { expect, it } from 'vitest';

import { describeEachDatabase } from '@/lib/testing/databases';

import { claimJobRun, recordJobRun } from './claim';

describeEachDatabase('scheduled job runs', (database) => {
  it('are handed to one claimant per interval, however many ask at once', async () => {
    const { db } = database();
    const t0 = new Date('2026-11-24T10:00:00Z');
    const claims = await Promise.all(Array.from({ length: 5 }, () => claimJobRun(db, 'signals:1', 300_000, t0)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimJobRun(db, 'signals:1', 300_000, new Date(t0.getTime() + 299_000))).toBe(false);
    expect(await claimJobRun(db, 'signals:1', 300_000, new Date(t0.getTime() + 300_000))).toBe(true);
    // Another job is independent.
    expect(await claimJobRun(db, 'signals:2', 300_000, t0)).toBe(true);
    await recordJobRun(db, 'signals:1', { result: { entered: 1 } });
  });
});
