import { and, eq, isNull } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { writeKeys } from '@/lib/db/schema';
import { isUuid } from '@/lib/db/uuid';
import { NotFoundError } from '@/lib/errors';

/** Revokes a key: ingestion with it is refused from now on. Revoking twice is harmless. */
export async function revokeWriteKey(db: Queryable, params: { environmentId: number; id: string }): Promise<void> {
  if (!isUuid(params.id)) throw new NotFoundError('Write key');
  const [existing] = await db
    .select({ id: writeKeys.id })
    .from(writeKeys)
    .where(and(eq(writeKeys.id, params.id), eq(writeKeys.environmentId, params.environmentId)))
    .limit(1);
  if (!existing) throw new NotFoundError('Write key');
  await db
    .update(writeKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(writeKeys.id, params.id), isNull(writeKeys.revokedAt)));
}
