import { describe, expect, it } from 'vitest';

import { createTestDatabase } from '@/lib/testing/databases';

import { jobPacing } from './job-pacing';

describe('the pace of long jobs', () => {
  it('is step by step on the embedded database, sized to about 150 ms a step', async () => {
    const database = await createTestDatabase('pglite');
    try {
      const pacing = jobPacing(database.db);
      expect(pacing.stepwise).toBe(true);
      const sizer = pacing.sizer(250);
      // 250 items took 500 ms (2 ms each): halfway to the 75 that would take 150 ms.
      sizer.took(250, 500);
      expect(sizer.size).toBe(163);
      for (let i = 0; i < 10; i++) sizer.took(sizer.size, sizer.size * 2);
      expect(sizer.size).toBeGreaterThanOrEqual(75);
      expect(sizer.size).toBeLessThan(80);
      // Cheap items grow the steps, up to a bound.
      for (let i = 0; i < 30; i++) sizer.took(sizer.size, 1);
      expect(sizer.size).toBe(5_000);
    } finally {
      await database.close();
    }
  });

  it.runIf(process.env.TEST_DATABASE_URL)('is one transaction on Postgres', async () => {
    const database = await createTestDatabase('postgres');
    try {
      const pacing = jobPacing(database.db);
      expect(pacing.stepwise).toBe(false);
      expect(pacing.sizer(250).size).toBe(Number.POSITIVE_INFINITY);
    } finally {
      await database.close();
    }
  });
});
