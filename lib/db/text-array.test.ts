import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, it } from 'vitest';

import { describeEachDatabase } from '@/lib/testing/databases';

import { queryRows } from './rows';
import { textArray } from './text-array';

describeEachDatabase('textArray', (database) => {
  it('reaches the database as the same strings, whatever they hold', async () => {
    const { db } = database();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme' }).map((s) => s.replace(/\0/g, '')),
          { maxLength: 20 },
        ),
        async (values) => {
          const [row] = await queryRows<{ v: string[] | null }>(db, sql`select ${textArray(values)} as v`);
          expect(row?.v ?? []).toEqual(values);
        },
      ),
      { numRuns: 100 },
    );
  });
});
