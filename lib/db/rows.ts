import type { SQL } from 'drizzle-orm';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import type { Queryable } from './client';

/**
 * Runs raw SQL and returns its rows on either driver: PGlite answers { rows }, postgres.js an
 * array. For the few queries the query builder cannot express.
 *
 * `prepared` names a hot statement whose text never varies (only its parameters): on Postgres it
 * is then a prepared statement, parsed once per connection and, once Postgres finds a generic
 * plan as good as its custom ones, no longer planned per call. Drizzle offers `.prepare()` only
 * on its query builders; raw SQL reaches the same path through the session. PGlite ignores it.
 */
export async function queryRows<T>(db: Queryable, query: SQL, options: { prepared?: string } = {}): Promise<T[]> {
  const result = (options.prepared ? await executePrepared(db, query, options.prepared) : await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

function executePrepared(db: Queryable, query: SQL, name: string): Promise<unknown> {
  const { dialect, session } = db as unknown as { dialect: PgDialect; session: PgSession };
  return session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute();
}
