import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';

import { describeEachDatabase } from '@/lib/testing/databases';

import { analyzeGrownTables, tablesToAnalyze } from './embedded-maintenance';
import { queryRows } from './rows';

describeEachDatabase('statistics kept fresh by the app', (database) => {
  it('analyses a table that grew since its last ANALYZE, and then leaves it alone', async () => {
    const { db } = database();
    await db.execute(sql`create table lab_growth (id int primary key, note text)`);
    await db.execute(sql`insert into lab_growth select g, repeat('x', 100) from generate_series(1, 20000) g`);
    expect(await tablesToAnalyze(db)).toContain('lab_growth');
    const analysed = await analyzeGrownTables(db, { pause: async () => {} });
    expect(analysed).toContain('lab_growth');
    const [row] = await queryRows<{ reltuples: number }>(db, sql`select reltuples from pg_class where relname = 'lab_growth'`);
    expect(Number(row?.reltuples)).toBe(20000);
    expect(await tablesToAnalyze(db)).not.toContain('lab_growth');
    // Grown by a fifth again: its turn comes back.
    await db.execute(sql`insert into lab_growth select g, repeat('x', 100) from generate_series(20001, 26000) g`);
    expect(await tablesToAnalyze(db)).toContain('lab_growth');
  });
});
