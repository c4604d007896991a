import { eq } from 'drizzle-orm';
import { z } from 'zod';

import type { Queryable } from '@/lib/db/client';
import { environments } from '@/lib/db/schema';
import { isSealed, openSecret, sealSecret } from '@/lib/delivery/secret-box';

import { getEnvironmentBySlug } from './queries';

export const setFronteggSecretInput = z.object({
  secret: z
    .string({ error: 'expected the secret as a string' })
    .trim()
    .min(8, 'must be at least 8 characters')
    .max(500, 'must be at most 500 characters'),
});

/** Saves (sealed, see secret-box) or, with null, clears the secret Frontegg signs this environment's webhooks with. */
export async function setFronteggSecret(db: Queryable, slug: string, secret: string | null): Promise<void> {
  const env = await getEnvironmentBySlug(db, slug);
  await db
    .update(environments)
    .set({ fronteggWebhookSecret: secret === null ? null : sealSecret(secret) })
    .where(eq(environments.id, env.id));
}

/** Seals Frontegg secrets saved in clear by versions before secrets were encrypted. Run at boot. */
export async function sealStoredFronteggSecrets(db: Queryable): Promise<number> {
  const rows = await db.select({ id: environments.id, secret: environments.fronteggWebhookSecret }).from(environments);
  let sealed = 0;
  for (const row of rows) {
    if (row.secret && !isSealed(row.secret)) {
      await db
        .update(environments)
        .set({ fronteggWebhookSecret: sealSecret(row.secret) })
        .where(eq(environments.id, row.id));
      sealed++;
    }
  }
  return sealed;
}

export async function fronteggSecretConfigured(db: Queryable, slug: string): Promise<boolean> {
  const env = await getEnvironmentBySlug(db, slug);
  const [row] = await db
    .select({ secret: environments.fronteggWebhookSecret })
    .from(environments)
    .where(eq(environments.id, env.id));
  return Boolean(row?.secret);
}

/** For the receiver only: the environment and its secret. */
export async function findFronteggTarget(
  db: Queryable,
  slug: string,
): Promise<{ id: number; timeZone: string; secret: string | null } | undefined> {
  const [row] = await db
    .select({ id: environments.id, timeZone: environments.timeZone, secret: environments.fronteggWebhookSecret })
    .from(environments)
    .where(eq(environments.slug, slug))
    .limit(1);
  if (!row) return undefined;
  return { ...row, secret: row.secret && isSealed(row.secret) ? openSecret(row.secret) : row.secret };
}
