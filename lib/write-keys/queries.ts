import { and, desc, eq, isNull } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { environments, writeKeys } from '@/lib/db/schema';

import { hashWriteKey } from './token';

export const writeKeySummaryColumns = {
  id: writeKeys.id,
  name: writeKeys.name,
  prefix: writeKeys.prefix,
  createdAt: writeKeys.createdAt,
  lastUsedAt: writeKeys.lastUsedAt,
  revokedAt: writeKeys.revokedAt,
};

/** A key as lists show it: never the key or its hash. */
export type WriteKeySummary = { [K in keyof typeof writeKeySummaryColumns]: (typeof writeKeys.$inferSelect)[K] };

export async function listWriteKeys(db: Queryable, environmentId: number): Promise<WriteKeySummary[]> {
  return db
    .select(writeKeySummaryColumns)
    .from(writeKeys)
    .where(eq(writeKeys.environmentId, environmentId))
    .orderBy(desc(writeKeys.createdAt));
}

/** The environment a live (not revoked) key writes to, or undefined. */
export async function findEnvironmentForWriteKey(
  db: Queryable,
  key: string,
): Promise<{ environmentId: number; environmentSlug: string; writeKeyId: string } | undefined> {
  const [row] = await db
    .select({ environmentId: writeKeys.environmentId, environmentSlug: environments.slug, writeKeyId: writeKeys.id })
    .from(writeKeys)
    .innerJoin(environments, eq(environments.id, writeKeys.environmentId))
    .where(and(eq(writeKeys.keyHash, hashWriteKey(key)), isNull(writeKeys.revokedAt)))
    .limit(1);
  return row;
}
