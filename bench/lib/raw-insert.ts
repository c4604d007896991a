import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

import { createScratchPostgres, createTempDir } from './databases';
import { EVENT_COLUMNS, eventRow, type EventSource } from './events';

// Baseline B: how fast the database itself takes the same rows, with no HTTP, JSON or app logic in
// between — multi-row INSERTs of 500 rows, each its own (autocommitted) transaction, one after the
// other on one connection, as the app's single group-commit writer does. The table has the
// columns and primary key of the app's `events` table, but not its secondary indexes nor the
// rollup, catalog, user and account upserts the app does in the same statement: it is the
// ceiling, not the like-for-like cost.

export const RAW_ROWS = 100_000;
const ROWS_PER_STATEMENT = 500;

const CREATE_TABLE = `create table bench_events (
  environment_id integer not null,
  account_id text not null,
  message_id text not null,
  name text not null,
  user_id text,
  anonymous_id text,
  "timestamp" timestamptz not null,
  received_at timestamptz not null,
  properties jsonb not null,
  primary key (environment_id, account_id, message_id)
)`;

const INSERT = (() => {
  const width = EVENT_COLUMNS.length;
  const tuples = Array.from(
    { length: ROWS_PER_STATEMENT },
    (_, row) => `(${EVENT_COLUMNS.map((_, col) => `$${row * width + col + 1}`).join(', ')})`,
  );
  return `insert into bench_events (${EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}`;
})();

export type RawInsertResult = { rows: number; seconds: number; rowsPerSecond: number };

type Database = { exec(sql: string): Promise<unknown>; insert(params: unknown[]): Promise<unknown>; count(): Promise<number> };

async function measure(db: Database, events: EventSource): Promise<RawInsertResult> {
  await db.exec(CREATE_TABLE);
  // Parameters are built before the clock starts: the baseline times the database alone.
  const statements = Array.from({ length: RAW_ROWS / ROWS_PER_STATEMENT }, () =>
    Array.from({ length: ROWS_PER_STATEMENT }, () => eventRow(events.next())).flat(),
  );
  const started = performance.now();
  for (const params of statements) await db.insert(params);
  const seconds = (performance.now() - started) / 1000;
  const stored = await db.count();
  if (stored !== RAW_ROWS) throw new Error(`raw INSERT baseline stored ${stored} rows, expected ${RAW_ROWS}`);
  return { rows: RAW_ROWS, seconds, rowsPerSecond: RAW_ROWS / seconds };
}

/** In-process PGlite on a temporary folder, opened as the app opens its own. */
export async function rawInsertPglite(events: EventSource): Promise<RawInsertResult> {
  const temp = await createTempDir('raw');
  try {
    const pg = await PGlite.create(temp.dir);
    try {
      return await measure(
        {
          exec: (sql) => pg.exec(sql),
          insert: (params) => pg.query(INSERT, params),
          count: async () => (await pg.query<{ n: number }>('select count(*)::int as n from bench_events')).rows[0]?.n ?? -1,
        },
        events,
      );
    } finally {
      await pg.close();
    }
  } finally {
    await temp.remove();
  }
}

/** postgres.js on a scratch database of the server at `adminUrl`. */
export async function rawInsertPostgres(adminUrl: string, events: EventSource): Promise<RawInsertResult> {
  const scratch = await createScratchPostgres(adminUrl, 'raw');
  try {
    const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
    try {
      return await measure(
        {
          exec: (text) => sql.unsafe(text),
          // Prepared once and reused, as a driver-level INSERT would be. Objects go to jsonb as
          // they are (postgres.js would JSON-encode a string a second time).
          insert: (params) => sql.unsafe(INSERT, params as postgres.ParameterOrJSON<never>[], { prepare: true }),
          count: async () => (await sql.unsafe<{ n: number }[]>('select count(*)::int as n from bench_events'))[0]?.n ?? -1,
        },
        events,
      );
    } finally {
      await sql.end();
    }
  } finally {
    await scratch.drop();
  }
}
