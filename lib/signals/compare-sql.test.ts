import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, it } from 'vitest';

import { queryRows } from '@/lib/db/rows';
import { describeEachDatabase } from '@/lib/testing/databases';

import { changePct, changePctSql, changeSignalHolds, changeSignalHoldsSql } from './compare';

// The evaluation decides change signals in SQL (changeSignalHoldsSql) and the backtest and the
// unit tests in JavaScript (changeSignalHolds): they must agree on every value, boundaries included;
// so must the change in percent (changePctSql, changePct).

const figures = [0, 1, 2, 3, 4.5, 9, 10, 11, 15, 19.9, 20, 30, 40, 50, 99, 100, 101, 150, 200, 1e6, 1 / 3];
const pairs = figures.flatMap((previous) => figures.map((current) => ({ previous, current })));

async function agree(
  db: Parameters<typeof queryRows>[0],
  kind: 'decrease' | 'increase',
  settings: { thresholdPct: number; minVolume: number },
  list: { previous: number; current: number }[],
) {
  const holds = changeSignalHoldsSql({ kind }, settings, sql`x.c`, sql`x.p`);
  const rows = await queryRows<{ i: number; holds: boolean; pct: number | null }>(
    db,
    sql`select x.i, ${holds} as holds, ${changePctSql(sql`x.p`, sql`x.c`)} as pct
        from jsonb_to_recordset(${JSON.stringify(list.map((v, i) => ({ i, c: v.current, p: v.previous })))}::jsonb) as x(i int, c float8, p float8)
        order by x.i`,
  );
  const expected = list.map((v) => changeSignalHolds({ kind }, settings, { ...v, changePct: changePct(v.previous, v.current) }));
  expect(rows.map((r) => r.holds)).toEqual(expected);
  // The change the evaluation stores for an occurrence whose figures moved is worked out in SQL too.
  expect(rows.map((r) => (r.pct === null ? null : Number(r.pct)))).toEqual(list.map((v) => changePct(v.previous, v.current)));
}

describeEachDatabase('change signals in SQL', (database) => {
  it('hold exactly where the JavaScript rule holds, on a grid of boundaries', async () => {
    for (const kind of ['decrease', 'increase'] as const) {
      for (const thresholdPct of [1, 33.3, 50, 66.7, 100, 1000]) {
        for (const minVolume of [0, 1, 10, 20]) {
          await agree(database().db, kind, { thresholdPct, minVolume }, pairs);
        }
      }
    }
  });

  it('agree on random figures and settings', async () => {
    // Totals are sums of event counts: whole numbers (the grid above has fractions too).
    const figure = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 1e9 }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('decrease' as const, 'increase' as const),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.record({ previous: figure, current: figure }), { minLength: 1, maxLength: 50 }),
        async (kind, thresholdPct, minVolume, list) => agree(database().db, kind, { thresholdPct, minVolume }, list),
      ),
      { numRuns: 40 },
    );
  });
});
