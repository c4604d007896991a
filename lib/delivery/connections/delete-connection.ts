import { eq } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';

import { getStoredConnection } from './queries';

/** Deletes a connection with its deliveries (pending ones are never sent). */
export async function deleteConnection(db: Queryable, environmentId: number, id: string): Promise<void> {
  const row = await getStoredConnection(db, environmentId, id);
  await db.delete(connections).where(eq(connections.id, row.id));
}
