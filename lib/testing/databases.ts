import { randomBytes } from 'node:crypto';

import postgres from 'postgres';
import { afterAll, beforeAll, describe } from 'vitest';

import { closeConnection, type Connection, type Db, openConnection, wrapConnection } from '@/lib/db/client';
import { migrateConnection } from '@/lib/db/migrate';

// Domain tests run against every database the product supports: PGlite always, and the local
// Postgres when TEST_DATABASE_URL is set (CI sets it). Each suite gets a fresh, migrated database.

export type TestDatabaseKind = 'pglite' | 'postgres';

export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** `url` is set for Postgres, so that other processes can open the same database. */
export type TestDatabase = { kind: TestDatabaseKind; db: Db; connection: Connection; url?: string; close(): Promise<void> };

/** A database URL for a new, empty database on the test server, and a way to drop it. */
export async function createScratchPostgres(prefix = 'sb_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists "${name}" with (force)`);
      await again.end();
    },
  };
}

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const connection = await openConnection({ kind: 'pglite', dataDir: null });
    await migrateConnection(connection);
    return { kind, connection, db: wrapConnection(connection), close: () => closeConnection(connection) };
  }
  const scratch = await createScratchPostgres();
  const connection = await openConnection({ kind: 'postgres', url: scratch.url });
  try {
    await migrateConnection(connection);
  } catch (error) {
    await closeConnection(connection);
    await scratch.drop();
    throw error;
  }
  return {
    kind,
    connection,
    url: scratch.url,
    db: wrapConnection(connection),
    async close() {
      await closeConnection(connection);
      await scratch.drop();
    },
  };
}

/**
 * describe() once per database kind. The callback gets a getter, valid inside tests and hooks,
 * for that suite's migrated database.
 */
export function describeEachDatabase(title: string, body: (database: () => TestDatabase) => void): void {
  for (const kind of testDatabaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await current?.close();
      });
      body(() => {
        if (!current) throw new Error('the test database is not ready yet (use it inside a test or hook)');
        return current;
      });
    });
  }
}
