import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';

import { queryRows } from '@/lib/db/rows';
import { describeEachDatabase } from '@/lib/testing/databases';

import { applyAnalyticsPlannerSettings } from './planner-settings';

const settings = sql`select current_setting('jit') as jit, current_setting('random_page_cost') as random_page_cost,
  current_setting('work_mem') as work_mem`;

describeEachDatabase('planner settings for analytics', (database) => {
  it('hold for the transaction only', async () => {
    const { db } = database();
    const [before] = await queryRows<Record<string, string>>(db, settings);
    const inside = (options?: { cheapRandomReads: boolean }) =>
      db.transaction(async (tx) => {
        await applyAnalyticsPlannerSettings(tx, options);
        const [row] = await queryRows<Record<string, string>>(tx, settings);
        return row;
      });
    expect(await inside({ cheapRandomReads: true })).toEqual({ jit: 'off', random_page_cost: '1.1', work_mem: '64MB' });
    expect(await inside()).toEqual({ jit: 'off', random_page_cost: before?.random_page_cost, work_mem: '64MB' });
    const [after] = await queryRows<Record<string, string>>(db, settings);
    expect(after).toEqual(before);
  });
});
