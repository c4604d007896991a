import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll } from 'vitest';

import { wrapWriter } from '@/lib/db/client';
import { checkDatabase } from '@/lib/db/health';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { GroupCommitWriter, writersFor } from '@/lib/ingest/group-commit';
import { IngestHandler } from '@/lib/ingest/handle-ingest';
import { createIngestOnlyServer } from '@/lib/ingest/ingest-only-server';
import { RateLimiter } from '@/lib/ingest/rate-limiter';
import { WriteKeyAuthenticator } from '@/lib/ingest/write-key-auth';
import { createWriteKey } from '@/lib/write-keys/create-write-key';

import type { TestDatabase } from './databases';

/**
 * The production ingest path (INGEST_PORT's server: fast path → handler → group commit) on a test
 * database, with the writer configured as the app's (its own connection, two flushes on Postgres).
 */
export async function startIngestServer(
  database: TestDatabase,
  options: { rateLimit?: number } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const { db, kind, connection } = database;
  const handler = new IngestHandler({
    auth: new WriteKeyAuthenticator(async () => db),
    limiter: new RateLimiter(options.rateLimit ?? 0),
    writer: new GroupCommitWriter(async () => wrapWriter(connection), { writers: writersFor(kind) }),
  });
  const server = createIngestOnlyServer(
    () => handler,
    () => checkDatabase({ connection: async () => connection }),
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
    const { db } = database();
    await ensureBuiltInEnvironments(db);
    fixture.environmentId = (await getEnvironmentBySlug(db, environmentSlug)).id;
    fixture.key = (
      await createWriteKey(db, { environmentId: fixture.environmentId, createdBy: null, input: { name: 'test' } })
    ).key;
    const started = await startIngestServer(database());
    fixture.url = started.url;
    server = started;
  });
  afterAll(async () => server?.close());
  return fixture;
}
