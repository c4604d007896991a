import { expect, it } from 'vitest';

import { createEnvironment } from '@/lib/environments/create-environment';
import { deleteEnvironment } from '@/lib/environments/delete-environment';
import { describeEachDatabase } from '@/lib/testing/databases';

import { claimSignalsRun, reportSignalsFailure } from './scheduler';

describeEachDatabase('signal runs', (database) => {
  it('are due every interval, plus one in the last minutes of the environment’s day', async () => {
    const { db } = database();
    const hourly = 60 * 60_000;
    const claim = (environment: { id: number; timeZone: string }, at: string) =>
      claimSignalsRun(db, environment, hourly, new Date(at));
    const utc = { id: 901, timeZone: 'UTC' };
    expect(await claim(utc, '2026-11-24T23:00:00Z')).toBe(true);
    expect(await claim(utc, '2026-11-24T23:45:00Z')).toBe(false);
    // The day's last ten minutes: one more run, once, whichever process asks first.
    const closing = await Promise.all([1, 2, 3].map(() => claim(utc, '2026-11-24T23:52:00Z')));
    expect(closing.filter(Boolean)).toHaveLength(1);
    expect(await claim(utc, '2026-11-24T23:58:00Z')).toBe(false);
    expect(await claim(utc, '2026-11-25T00:00:00Z')).toBe(true);
    // Days end at the environment's midnight: 23:52 in Kolkata is 18:22 UTC.
    const kolkata = { id: 902, timeZone: 'Asia/Kolkata' };
    expect(await claim(kolkata, '2026-11-24T18:00:00Z')).toBe(true);
    expect(await claim(kolkata, '2026-11-24T18:10:00Z')).toBe(false);
    expect(await claim(kolkata, '2026-11-24T18:22:00Z')).toBe(true);
  });

  it('report a failed run, but not one whose environment was deleted while it ran', async () => {
    const { db } = database();
    const logged: unknown[][] = [];
    const log = (...args: unknown[]) => logged.push(args);
    const kept = await createEnvironment(db, { name: 'Scheduler kept' });
    const gone = await createEnvironment(db, { name: 'Scheduler gone' });
    await deleteEnvironment(db, gone.slug);
    await reportSignalsFailure(db, gone.id, new Error('violates foreign key constraint'), log);
    expect(logged).toEqual([]);
    const error = new Error('boom');
    await reportSignalsFailure(db, kept.id, error, log);
    expect(logged).toEqual([[`Signal evaluation of environment ${kept.id} failed`, error]]);
  });
});
