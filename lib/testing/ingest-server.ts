import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '@/lib/db/client';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { GroupCommitWriter } from '@/lib/ingest/group-commit';
import { IngestHandler } from '@/lib/ingest/handle-ingest';
import { createIngestOnlyServer } from '@/lib/ingest/ingest-only-server';
import { RateLimiter } from '@/lib/ingest/rate-limiter';
import { WriteKeyAuthenticator } from '@/lib/ingest/write-key-auth';
import { createWriteKey } from '@/lib/write-keys/create-write-key';
import type { TestDatabase, TestDatabaseKind } from './databases';

/** The production ingest path (INGEST_PORT's server: fast path → handler → group commit) on a test database. */
export async function startIngestServer(
  db: Db,
  options: { rateLimit?: number; kind?: TestDatabaseKind } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const handler = new IngestHandler({
    auth: new WriteKeyAuthenticator(async () => db),
    limiter: new RateLimiter(options.rateLimit ?? 0),
    writer: new GroupCommitWriter(async () => db),
  });
  const server = createIngestOnlyServer(
    () => handler,
    async () => {
      await db.execute(sql`select 1`);
      return { status: 'up', driver: options.kind ?? 'pglite', latencyMs: 0 };
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * For a describeEachDatabase suite: an environment, a write key for it and an ingest server on
 * the suite's database, set up once before its tests and closed after them. Read the fields inside
 * tests (they are filled in beforeAll).
 */
export function useIngestServer(database: () => TestDatabase, environmentSlug: 'production' | 'development') {
  const fixture = { url: '', key: '', environmentId: 0 };
  let server: { close(): Promise<void> } | undefined;
  beforeAll(async () => {
    const { db, kind } = database();
    await ensureBuiltInEnvironments(db);
    fixture.environmentId = (await getEnvironmentBySlug(db, environmentSlug)).id;
    fixture.key = (
      await createWriteKey(db, { environmentId: fixture.environmentId, createdBy: null, input: { name: 'test' } })
    ).key;
    const started = await startIngestServer(db, { kind });
    fixture.url = started.url;
    server = started;
  });
  afterAll(async () => server?.close());
  return fixture;
}
