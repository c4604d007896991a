import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Queryable } from '@/lib/db/client';
import { cohortNotifications, cohorts, connections } from '@/lib/db/schema';
import { openSecrets } from '@/lib/delivery/connections/stored';
import { activeSecrets } from '@/lib/delivery/signing';
import { NotFoundError } from '@/lib/errors';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The changes API is read by receivers as well as people: a bearer token equal to the signing
 * secret of a webhook attached to the cohort (what that receiver already holds) is accepted.
 * Returns the cohort's environment when the token is good, null when it is not.
 */
export async function cohortForReceiver(
  db: Queryable,
  cohortId: string,
  token: string,
): Promise<{ environmentId: number } | null> {
  const [cohort] = await db.select({ environmentId: cohorts.environmentId }).from(cohorts).where(eq(cohorts.id, cohortId));
  if (!cohort) throw new NotFoundError(`Cohort "${cohortId}"`);
  const attached = await db
    .select({ kind: connections.kind, secretsEncrypted: connections.secretsEncrypted })
    .from(cohortNotifications)
    .innerJoin(connections, eq(connections.id, cohortNotifications.connectionId))
    .where(eq(cohortNotifications.cohortId, cohortId));
  for (const c of attached) {
    const signing = c.kind === 'webhook' ? openSecrets(c).signing : undefined;
    if (signing && activeSecrets(signing).some((secret) => same(secret, token))) return cohort;
  }
  return null;
}
