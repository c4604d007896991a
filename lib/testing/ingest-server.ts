import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '@/lib/db/client';
import { handleIngestFastPath } from '@/lib/ingest/fast-path';
import { GroupCommitWriter } from '@/lib/ingest/group-commit';
import { IngestHandler } from '@/lib/ingest/handle-ingest';
import { RateLimiter } from '@/lib/ingest/rate-limiter';
import { WriteKeyAuthenticator } from '@/lib/ingest/write-key-auth';

/** The production ingest path (node:http fast path → handler → group commit) on a test database. */
export async function startIngestServer(
  db: Db,
  options: { rateLimit?: number } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const handler = new IngestHandler({
    auth: new WriteKeyAuthenticator(async () => db),
    limiter: new RateLimiter(options.rateLimit ?? 0),
    writer: new GroupCommitWriter(async () => db),
  });
  const server: Server = createServer((req, res) => {
    if (!handleIngestFastPath(req, res, () => handler)) {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
