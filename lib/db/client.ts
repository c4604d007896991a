import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

import { getEnv } from '@/lib/env';

import { type DataDirLock, lockDataDir } from './data-dir-lock';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What query functions accept: the database or a transaction inside it. */
export type Queryable = Db | Tx;

export type DbTarget = { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string };

/** The raw connection behind a Db. Kept apart from drizzle so that any module copy can wrap it. */
export type Connection =
  | { kind: 'pglite'; client: PGlite; lock: DataDirLock | null; dataDir: string | null }
  | {
      kind: 'postgres';
      client: postgres.Sql;
      /** Ingestion's group commit writes here: see wrapWriter. */
      writer: postgres.Sql;
    };

export async function openConnection(target: DbTarget): Promise<Connection> {
  if (target.kind === 'postgres') {
    // A connection that cannot be made within 5 s fails (postgres.js waits 30 s by default), so
    // that clients are told to retry (503) while the database is away, rather than kept waiting.
    const options = { onnotice: () => {}, connect_timeout: 5 };
    const client = postgres(target.url, { ...options, max: 10 });
    // postgres.js connects on first use: a process that never ingests never opens this one.
    const writer = postgres(target.url, { ...options, max: 1 });
    return { kind: 'postgres', client, writer };
  }
  if (target.dataDir === null) {
    return { kind: 'pglite', client: await PGlite.create(), lock: null, dataDir: null };
  }
  const dataDir = path.resolve(target.dataDir);
  const lock = lockDataDir(dataDir);
  try {
    const client = await PGlite.create(path.join(dataDir, 'pgdata'));
    return { kind: 'pglite', client, lock, dataDir };
  } catch (error) {
    lock.release();
    throw error;
  }
}

export function wrapConnection(connection: Connection): Db {
  return connection.kind === 'pglite'
    ? drizzlePglite(connection.client, { schema })
    : drizzlePostgres(connection.client, { schema });
}

/**
 * The database ingestion's group commit writes to. On Postgres it is one connection of its own:
 * flushes sent while an earlier one runs are pipelined on it (postgres.js sends each with its own
 * Sync, so each commits or fails alone), and Postgres runs them back to back. Two flushes on two
 * pooled connections would overlap on the same hot rows (rollups, catalog, daily totals), one
 * waiting for the other's commit. PGlite has one connection for everything.
 */
export function wrapWriter(connection: Connection): Db {
  return connection.kind === 'pglite' ? wrapConnection(connection) : drizzlePostgres(connection.writer, { schema });
}

export async function closeConnection(connection: Connection): Promise<void> {
  if (connection.kind === 'postgres') {
    await Promise.all([connection.client.end({ timeout: 5 }), connection.writer.end({ timeout: 5 })]);
    return;
  }
  try {
    // Closing PGlite hung once in eight tries here: never let it hold up shutdown for long.
    await Promise.race([connection.client.close(), new Promise((resolve) => setTimeout(resolve, 5000))]);
  } finally {
    connection.lock?.release();
  }
}

export function targetFromEnv(): DbTarget {
  const env = getEnv();
  return env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: env.DATA_DIR };
}

// One connection per process, on globalThis: the custom server (run by tsx) and Next's bundled
// server code each have their own copy of this module, and dev hot reload makes more. They must
// all share one PGlite instance, which only the first opener may create.
const globalKey = Symbol.for('signalboard.db.connection');
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<Connection> };

export function getConnection(): Promise<Connection> {
  const g = globalThis as GlobalWithDb;
  g[globalKey] ??= openConnection(targetFromEnv()).catch((error: unknown) => {
    delete g[globalKey];
    throw error;
  });
  return g[globalKey];
}

export async function releaseConnection(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const pending = g[globalKey];
  delete g[globalKey];
  if (pending) await closeConnection(await pending);
}

let wrapped: { connection: Connection; db: Db } | undefined;
let wrappedWriter: { connection: Connection; db: Db } | undefined;

/** The process's database. */
export async function getDb(): Promise<Db> {
  const connection = await getConnection();
  if (wrapped?.connection !== connection) wrapped = { connection, db: wrapConnection(connection) };
  return wrapped.db;
}

/** The process's database as ingestion's group commit writes to it (see wrapWriter). */
export async function getWriterDb(): Promise<Db> {
  const connection = await getConnection();
  if (wrappedWriter?.connection !== connection) wrappedWriter = { connection, db: wrapWriter(connection) };
  return wrappedWriter.db;
}
