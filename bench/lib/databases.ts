import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

// Every database the benchmark writes to is created for the run and removed after it: a PGlite
// folder under the system temp dir, or a `signalboard_bench_*` database on the Postgres server.

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

const connect = (url: string) => postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });

export async function postgresAnswers(url: string): Promise<boolean> {
  const sql = connect(url);
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export type Scratch = { url: string; drop(): Promise<void> };

/** A new empty database on the server of `adminUrl`. */
export async function createScratchPostgres(adminUrl: string, purpose: string): Promise<Scratch> {
  const name = `signalboard_bench_${purpose}_${randomBytes(4).toString('hex')}`;
  const admin = connect(adminUrl);
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = connect(adminUrl);
      try {
        await again.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await again.end();
      }
    },
  };
}

export type TempDir = { dir: string; remove(): Promise<void> };

export async function createTempDir(purpose: string): Promise<TempDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `signalboard-bench-${purpose}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Rows in the app's `events` table; call it once the app has stopped. */
export async function countStoredEvents(target: { postgresUrl: string } | { pgliteDataDir: string }): Promise<number> {
  if ('postgresUrl' in target) {
    const sql = connect(target.postgresUrl);
    try {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from events`;
      return row?.n ?? 0;
    } finally {
      await sql.end();
    }
  }
  // The app keeps its PGlite database in <DATA_DIR>/pgdata (lib/db/client.ts).
  const pg = await PGlite.create(path.join(target.pgliteDataDir, 'pgdata'));
  try {
    const { rows } = await pg.query<{ n: number }>('select count(*)::int as n from events');
    return rows[0]?.n ?? 0;
  } finally {
    await pg.close();
  }
}
