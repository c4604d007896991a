import type { SQL } from 'drizzle-orm';
import type { Queryable } from './client';

/**
 * Runs raw SQL and returns its rows on either driver: PGlite answers { rows }, postgres.js an
 * array. For the few queries the query builder cannot express.
 */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
