import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { describeEachDatabase } from '@/lib/testing/databases';

import { isUniqueViolation, pgErrorCode } from './pg-error';
import { isDatabaseUnavailable } from './unavailable';

const coded = (code: string, options?: ErrorOptions) => Object.assign(new Error(`failed with ${code}`, options), { code });

describe('pgErrorCode', () => {
  it('finds the SQLSTATE along the cause chain and inside an AggregateError', () => {
    expect(pgErrorCode(new Error('Failed query', { cause: coded('40P01') }))).toBe('40P01');
    expect(pgErrorCode(new AggregateError([new Error('first'), coded('57014')]))).toBe('57014');
    expect(pgErrorCode(new Error('plain'))).toBeUndefined();
    expect(pgErrorCode('a thrown string')).toBeUndefined();
  });

  it('takes no network error for a SQLSTATE, and stops on a chain that loops', () => {
    expect(pgErrorCode(coded('EPIPE'))).toBeUndefined();
    const looping = coded('ECONNRESET');
    (looping as { cause?: unknown }).cause = new Error('wrapper', { cause: looping });
    expect(pgErrorCode(looping)).toBeUndefined();
    expect(isDatabaseUnavailable(looping)).toBe(true);
  });
});

describeEachDatabase('a failed query', (database) => {
  it('carries its SQLSTATE through drizzle: a unique violation, a value that is no uuid', async () => {
    const { db } = database();
    await db.execute(sql`create table pg_error_probe (id int primary key)`);
    await db.execute(sql`insert into pg_error_probe values (1)`);
    const duplicate = await db.execute(sql`insert into pg_error_probe values (1)`).then(
      () => null,
      (error: unknown) => error,
    );
    expect(pgErrorCode(duplicate)).toBe('23505');
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    const cast = await db.execute(sql`select 'not-a-uuid'::uuid`).then(
      () => null,
      (error: unknown) => error,
    );
    expect(pgErrorCode(cast)).toBe('22P02');
    expect(isUniqueViolation(cast)).toBe(false);
  });
});
