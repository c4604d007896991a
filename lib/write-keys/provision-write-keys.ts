import { eq } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { writeKeys } from '@/lib/db/schema';
import { ConfigError } from '@/lib/env';
import { findEnvironmentBySlug } from '@/lib/environments/queries';

import { displayPrefix, hashWriteKey } from './token';

/**
 * INIT_WRITE_KEYS: creates the given keys at start-up when absent, so deployments, scripts and
 * tests can provision an environment without the dashboard. Safe on every boot and from several
 * processes at once. A key is never moved between environments or revived once revoked.
 */
export async function provisionWriteKeys(db: Queryable, pairs: { environment: string; key: string }[]): Promise<number> {
  let created = 0;
  for (const { environment: slug, key } of pairs) {
    const environment = await findEnvironmentBySlug(db, slug);
    if (!environment) throw new ConfigError([`INIT_WRITE_KEYS: there is no environment "${slug}"`]);
    const keyHash = hashWriteKey(key);
    const [existing] = await db
      .select({ environmentId: writeKeys.environmentId })
      .from(writeKeys)
      .where(eq(writeKeys.keyHash, keyHash));
    if (existing) {
      if (existing.environmentId !== environment.id) {
        throw new ConfigError([`INIT_WRITE_KEYS: the key given for "${slug}" already belongs to another environment`]);
      }
      continue;
    }
    const inserted = await db
      .insert(writeKeys)
      .values({ environmentId: environment.id, name: 'Provisioned (INIT_WRITE_KEYS)', prefix: displayPrefix(key), keyHash })
      .onConflictDoNothing({ target: writeKeys.keyHash })
      .returning({ id: writeKeys.id });
    created += inserted.length;
  }
  return created;
}
