import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';

import { describeEachDatabase } from '@/lib/testing/databases';

import { describeError, errorSummary } from './log';

describeEachDatabase('what an error says in the log', (database) => {
  it('names the failure of a query, never the query or its values', async () => {
    const secret = 'do-not-log-this-value';
    const error = await database()
      .db.execute(sql`select ${secret}::uuid as id, ${'{"trait":"also-secret"}'}::jsonb`)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(Error);
    // What an unguarded log would have printed: drizzle puts the query and values in the message.
    expect(String((error as Error).message)).toContain(secret);

    const described = describeError(error);
    expect(described).toMatch(/22P02/);
    expect(described).toMatch(/invalid input syntax for type uuid/);
    for (const leaked of [secret, 'also-secret', 'select', '::uuid']) expect(described).not.toContain(leaked);
    expect(errorSummary(error)).not.toContain('\n');
  });

  it('keeps the message and stack of an error of our own', () => {
    const described = describeError(new Error('the scheduler lost its lease', { cause: new TypeError('x is undefined') }));
    expect(described).toMatch(/^Error: the scheduler lost its lease ← caused by TypeError: x is undefined\n\s+at /);
  });
});
