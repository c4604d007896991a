import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { describeEachDatabase } from '@/lib/testing/databases';

import { queryRows } from './rows';
import { isUuid, uuidField } from './uuid';

describe('isUuid', () => {
  it('refuses what is shaped like a uuid but is none, and anything that is not a string', () => {
    for (const value of [
      '-'.repeat(36),
      'not-a-uuid',
      'zzzzzzzz-zzzz-4zzz-8zzz-zzzzzzzzzzzz',
      ' 8f0c2a52-6b1e-4d7e-9a3b-2f4c5d6e7f80',
      42,
      null,
    ]) {
      expect(isUuid(value), String(value)).toBe(false);
    }
  });

  it('names the field in what it says of another value', () => {
    expect(uuidField('expected a connection id').safeParse('nope').error?.issues[0]?.message).toBe('expected a connection id');
  });
});

describeEachDatabase('the ids the database makes', (database) => {
  it('are uuids, in either case', async () => {
    const rows = await queryRows<{ id: string }>(
      database().db,
      sql`select gen_random_uuid()::text as id from generate_series(1, 20)`,
    );
    for (const { id } of rows) {
      expect(isUuid(id)).toBe(true);
      expect(isUuid(id.toUpperCase())).toBe(true);
    }
  });
});
