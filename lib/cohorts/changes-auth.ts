import { timingSafeEqual } from 'node:crypto';

import { and, eq } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { cohortNotifications, cohorts, connections } from '@/lib/db/schema';
import { openSecrets } from '@/lib/delivery/connections/stored';
import { activeSecrets } from '@/lib/delivery/signing';
import { NotFoundError, UnauthorizedError } from '@/lib/errors';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The changes API is read by receivers as well as people: a bearer token equal to the signing
 * secret of an enabled webhook attached to the cohort (what that receiver already holds) is
 * accepted. A connection turned off, by an admin or by the product, no longer opens it: its
 * secret is refused exactly as an unknown one, so the answer does not tell them apart.
 */
export async function requireReceiverToken(db: Queryable, cohortId: string, token: string): Promise<void> {
  const [cohort] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, cohortId));
  if (!cohort) throw new NotFoundError(`Cohort "${cohortId}"`);
  const attached = await db
    .select({ kind: connections.kind, secretsEncrypted: connections.secretsEncrypted })
    .from(cohortNotifications)
    .innerJoin(connections, eq(connections.id, cohortNotifications.connectionId))
    .where(and(eq(cohortNotifications.cohortId, cohortId), eq(connections.enabled, true)));
  for (const c of attached) {
    const signing = c.kind === 'webhook' ? openSecrets(c).signing : undefined;
    if (signing && activeSecrets(signing).some((secret) => same(secret, token))) return;
  }
  throw new UnauthorizedError('The bearer token is not the secret of a webhook attached to this cohort.');
}
