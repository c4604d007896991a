import { eq } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { environments, eventMessageIds, events, signalAccountTotals } from '@/lib/db/schema';
import { ForbiddenError } from '@/lib/errors';

import { getEnvironmentBySlug } from './queries';
import { lockEnvironmentSignals, serializeInProcess } from './signals-lock';

/**
 * Deletes an environment and, by cascade, everything in it (keys, connections, rollups…). Its
 * events, their message ids and its signals' account totals have no foreign key (lib/db/schema): they are deleted
 * here, the totals once no evaluation of the environment is running, the events once the
 * environment's row is gone — deleting it waits for writes that hold it (lib/ingest/write-events.ts),
 * and a write after it finds no environment and writes nothing.
 */
export async function deleteEnvironment(db: Queryable, slug: string): Promise<void> {
  const env = await getEnvironmentBySlug(db, slug);
  if (env.builtIn) throw new ForbiddenError(`${env.name} is built in and cannot be deleted.`);
  // After an evaluation of it in this process, which may commit step by step (lib/db/job-pacing.ts).
  await serializeInProcess(env.id, () =>
    db.transaction(async (tx) => {
      await lockEnvironmentSignals(tx, env.id);
      await tx.delete(signalAccountTotals).where(eq(signalAccountTotals.environmentId, env.id));
      await tx.delete(environments).where(eq(environments.id, env.id));
      await tx.delete(events).where(eq(events.environmentId, env.id));
      await tx.delete(eventMessageIds).where(eq(eventMessageIds.environmentId, env.id));
    }),
  );
}
