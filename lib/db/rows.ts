import type { Query, SQL } from 'drizzle-orm';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';

import type { Queryable } from './client';

/**
 * Runs raw SQL and returns its rows on either driver: PGlite answers { rows }, postgres.js an
 * array. For the few queries the query builder cannot express.
 *
 * `prepared` names a hot statement whose text never varies (only its parameters): on Postgres it
 * is then a prepared statement, parsed once per connection and, once Postgres finds a generic
 * plan as good as its custom ones, no longer planned per call. Drizzle offers `.prepare()` only
 * on its query builders; raw SQL reaches the same path through the session. PGlite ignores the
 * name. Such a statement can be built once, with `sql.placeholder(name)` for what varies, and
 * `values` filled in per call: its text is then rendered once, not per call.
 */
export async function queryRows<T>(
  db: Queryable,
  query: SQL,
  options: { prepared?: string; values?: Record<string, unknown> } = {},
): Promise<T[]> {
  const result = (
    options.prepared ? await executePrepared(db, query, options.prepared, options.values) : await db.execute(query)
  ) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

// Raw SQL renders the same on either driver's dialect, so a rendering is kept per statement.
const rendered = new WeakMap<SQL, Query>();

function executePrepared(db: Queryable, query: SQL, name: string, values?: Record<string, unknown>): Promise<unknown> {
  const { dialect, session } = db as unknown as { dialect: PgDialect; session: PgSession };
  let text = rendered.get(query);
  if (!text) {
    text = dialect.sqlToQuery(query);
    rendered.set(query, text);
  }
  return session.prepareQuery(text, undefined, name, false).execute(values);
}
