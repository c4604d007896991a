import { type SQL, sql } from 'drizzle-orm';

/** One named part of a `with` statement (`materialized`: computed once, not inlined by the planner). */
export type Cte = { name: string; body: SQL; materialized?: boolean };

/** A domain's part of a composed write: its named parts, and what the final select must read so a plain select among them runs. */
export type WriteFragment = { ctes: Cte[]; outputs?: Record<string, SQL> };

/**
 * What each domain's part of the events write (lib/events/write-events.ts) may refer to. Besides
 * these, a fragment names its own placeholders (sql.placeholder) and the composer passes their values.
 */
export type EventWriteContext = {
  /** The environment's id. */
  env: SQL;
  /** The environment's time zone, as text. */
  timeZone: SQL;
  /** One row while the environment exists (locked for key share, so it cannot be deleted before the write commits); none once it is gone. */
  environment: SQL;
  /**
   * The events of this write whose message id was new in the environment: a (account id, '' for
   * none), m (message id), n (name), u (user id), an (anonymous id), t (timestamp), d (the day of t
   * in the environment's time zone), p (properties).
   */
  fresh: SQL;
};

/** `with a as (…), b as (…) select …`, the fragments' outputs added to `select`'s columns. */
export function composeWrite(fragments: WriteFragment[], select: SQL): SQL {
  const ctes = fragments.flatMap((f) => f.ctes);
  const outputs = fragments.flatMap((f) => Object.entries(f.outputs ?? {}));
  const parts = ctes.map((c) => sql`${sql.raw(c.name)} as ${c.materialized ? sql`materialized ` : sql``}(${c.body})`);
  const columns = outputs.map(([name, value]) => sql`, ${value} as ${sql.raw(name)}`);
  return sql`with ${sql.join(parts, sql`,\n`)}\n${select}${sql.join(columns, sql``)}`;
}
