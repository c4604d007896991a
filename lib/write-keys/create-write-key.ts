import type { Queryable } from '@/lib/db/client';
import { writeKeys } from '@/lib/db/schema';

import { type WriteKeySummary, writeKeySummaryColumns } from './queries';
import type { CreateWriteKeyInput } from './schemas';
import { displayPrefix, generateWriteKey, hashWriteKey } from './token';

/** Creates a key and returns it in clear this once; afterwards only its prefix can be read. */
export async function createWriteKey(
  db: Queryable,
  params: { environmentId: number; createdBy: string | null; input: CreateWriteKeyInput },
): Promise<{ writeKey: WriteKeySummary; key: string }> {
  const key = generateWriteKey();
  const [row] = await db
    .insert(writeKeys)
    .values({
      environmentId: params.environmentId,
      name: params.input.name,
      prefix: displayPrefix(key),
      keyHash: hashWriteKey(key),
      createdBy: params.createdBy,
    })
    .returning(writeKeySummaryColumns);
  if (!row) throw new Error('insert into write_keys returned no row');
  return { writeKey: row, key };
}
