import { randomBytes } from 'node:crypto';

import { eq } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { instanceSettings } from '@/lib/db/schema';

const KEY = 'auth_secret';

/**
 * The secret that signs session cookies: AUTH_SECRET when configured, otherwise one generated on
 * first start and kept in the database, so a fresh install needs no set-up and every process on
 * one Postgres signs with the same secret.
 */
export async function resolveAuthSecret(db: Queryable, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db
    .insert(instanceSettings)
    .values({ key: KEY, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing({ target: instanceSettings.key });
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, KEY)).limit(1);
  if (!row) throw new Error('the generated auth secret could not be read back');
  return row.value;
}
