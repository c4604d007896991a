import type postgres from 'postgres';

// Loading millions of rows into a table that keeps its indexes and foreign keys up to date row by
// row takes many times longer than loading it bare and building them once afterwards. This drops a
// table's primary key, foreign keys and indexes, runs the load, and puts back exactly the
// definitions Postgres reported before (same names, same columns), so that what is measured
// afterwards runs against the schema the migrations made.

type Definition = { name: string; definition: string };

export async function loadWithoutIndexes(
  sql: postgres.Sql,
  table: string,
  load: () => Promise<void>,
  log: (message: string) => void,
): Promise<void> {
  const constraints = await sql<(Definition & { kind: string })[]>`
    select conname as name, contype as kind, pg_get_constraintdef(oid) as definition
    from pg_constraint where conrelid = ${table}::regclass and contype in ('p', 'u', 'f')
    order by contype desc`;
  // Indexes that back no constraint (a primary key's index goes with its constraint).
  const indexes = await sql<Definition[]>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    where i.indrelid = ${table}::regclass
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`;
  for (const c of constraints.filter((c) => c.kind === 'f')) await sql`alter table ${sql(table)} drop constraint ${sql(c.name)}`;
  for (const c of constraints.filter((c) => c.kind !== 'f')) await sql`alter table ${sql(table)} drop constraint ${sql(c.name)}`;
  for (const i of indexes) await sql`drop index ${sql(i.name)}`;

  await load();

  // Keys first, then the other indexes, then foreign keys (each checks the whole table once).
  const ordered = [
    ...constraints.filter((c) => c.kind !== 'f').map((c) => ({ name: c.name, run: () => addConstraint(sql, table, c) })),
    ...indexes.map((i) => ({ name: i.name, run: () => sql.unsafe(i.definition) })),
    ...constraints.filter((c) => c.kind === 'f').map((c) => ({ name: c.name, run: () => addConstraint(sql, table, c) })),
  ];
  for (const step of ordered) {
    const started = performance.now();
    await step.run();
    log(`${table}: rebuilt ${step.name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  // As autovacuum would leave a live table: statistics, hint bits and the visibility map set.
  await sql`vacuum (analyze) ${sql(table)}`;
}

function addConstraint(sql: postgres.Sql, table: string, c: Definition) {
  // The definition is Postgres's own text for a constraint it held a moment ago.
  return sql`alter table ${sql(table)} add constraint ${sql(c.name)} ${sql.unsafe(c.definition)}`;
}
