import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { dailyRollups, events, signalOccurrences } from '@/lib/db/schema';
import { createEnvironment } from '@/lib/environments/create-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/databases';

import { evaluateSignals, type EvaluationProgress } from './evaluate';
import { addDays } from './windows';

// On the embedded database an evaluation commits step by step, and other queries run between its
// steps (lib/db/job-pacing.ts). 2,000 accounts, each declining: a first evaluation builds 2,000
// accounts' totals and opens 2,000 occurrences with their trigger events.

const NOW = new Date('2026-11-24T12:00:00Z');
const ACCOUNTS = 2_000;

describe('a first evaluation on the embedded database', () => {
  let database: TestDatabase;
  let env = { id: 0, timeZone: 'UTC' };
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const { db } = database;
    await ensureBuiltInEnvironments(db);
    env = { id: (await createEnvironment(db, { name: 'Stepwise' })).id, timeZone: 'UTC' };
    // 20 logins a day, 4 a day in the last 7 days: every account's logins fell by 80%.
    await db.execute(sql`
      insert into daily_rollups (environment_id, account_id, event_name, day, count)
      select ${env.id}, 'acct-' || lpad(a::text, 5, '0'), 'frontegg.user.authenticated', ${addDays('2026-11-23', -59)}::date + d,
        case when d >= 53 then 4 else 20 end
      from generate_series(1, ${ACCOUNTS}) a, generate_series(0, 59) d`);
  });
  afterAll(async () => database?.close());

  it('lets other queries run between its steps, and writes every transition once', async () => {
    const { db } = database;
    let outsideDone = 0;
    const seenAtProgress: number[] = [];
    const onProgress = async (_progress: EvaluationProgress) => {
      seenAtProgress.push(outsideDone);
    };
    let finished = false;
    const evaluation = evaluateSignals(db, env, NOW, { onProgress }).finally(() => (finished = true));
    // Another evaluation asked for at the same time waits for this one, and then finds nothing new.
    const again = evaluateSignals(db, env, NOW);
    // A reader asking every few milliseconds meanwhile, as requests arriving do.
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await db.execute(sql`select 1`);
      if (!finished) outsideDone++;
    }
    const result = await evaluation;
    expect(result.entered).toBe(ACCOUNTS);
    expect((await again).entered).toBe(0);

    // The reader got answers while the evaluation ran: between its steps, not only after it.
    const distinct = new Set(seenAtProgress);
    expect(distinct.size).toBeGreaterThan(5);
    expect(outsideDone).toBeGreaterThan(5);

    const open = await db
      .select({ accountId: signalOccurrences.accountId })
      .from(signalOccurrences)
      .where(and(eq(signalOccurrences.environmentId, env.id), isNull(signalOccurrences.endedAt)));
    expect(open).toHaveLength(ACCOUNTS);
    const triggers = await db.select({ messageId: events.messageId }).from(events).where(eq(events.environmentId, env.id));
    expect(triggers).toHaveLength(ACCOUNTS);
    expect(
      await db
        .select()
        .from(dailyRollups)
        .where(eq(dailyRollups.environmentId, env.id))
        .then((r) => r.length),
    ).toBeGreaterThan(0);
  });
});
