import { sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db/client';

/**
 * Serialises the signal evaluations of an environment (and its deletion) until the transaction
 * ends: several processes never fire the same transition twice, and no evaluation writes totals
 * for an environment being deleted.
 */
export async function lockEnvironmentSignals(tx: Queryable, environmentId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(72711100, ${environmentId})`);
}
