import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '@/lib/db/client';
import { environments } from '@/lib/db/schema';
import { getEnvironmentBySlug } from './queries';

export const setFronteggSecretInput = z.object({
  secret: z
    .string({ error: 'expected the secret as a string' })
    .trim()
    .min(8, 'must be at least 8 characters')
    .max(500, 'must be at most 500 characters'),
});

/** Saves (or, with null, clears) the secret Frontegg signs this environment's webhooks with. */
export async function setFronteggSecret(db: Queryable, slug: string, secret: string | null): Promise<void> {
  const env = await getEnvironmentBySlug(db, slug);
  await db.update(environments).set({ fronteggWebhookSecret: secret }).where(eq(environments.id, env.id));
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
  return row;
}
