import { sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';

// Kept with environments, not signals: deleting an environment takes the same lock as its
// evaluations, and environments are below every domain that works on their data.

/**
 * Serialises the signal evaluations of an environment (and its deletion) until the transaction
 * ends: several processes never fire the same transition twice, and no evaluation writes totals
 * for an environment being deleted.
 */
export async function lockEnvironmentSignals(tx: Queryable, environmentId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(72711100, ${environmentId})`);
}

const running = new Map<number, Promise<unknown>>();

/**
 * Runs `fn` after every earlier call for the same environment in this process has finished. The
 * embedded database's evaluation commits step by step (lib/db/job-pacing.ts), so the advisory lock,
 * held for one transaction, no longer covers it whole; PGlite has one process, and this does.
 */
export function serializeInProcess<T>(environmentId: number, fn: () => Promise<T>): Promise<T> {
  const before = running.get(environmentId) ?? Promise.resolve();
  const run = before.catch(() => {}).then(fn);
  const tail = run.catch(() => {});
  running.set(environmentId, tail);
  void tail.then(() => {
    if (running.get(environmentId) === tail) running.delete(environmentId);
  });
  return run;
}
