import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { GroupCommitWriter } from './group-commit';
import { IngestHandler } from './handle-ingest';
import { RateLimiter } from './rate-limiter';
import { WriteKeyAuthenticator } from './write-key-auth';

// One handler per process, on globalThis: the server's fast path and Next's route handlers are
// separate module copies, and must share one write queue, one key cache and one rate limiter.
const key = Symbol.for('signalboard.ingest.handler');
type WithHandler = typeof globalThis & { [key]?: IngestHandler };

export function getIngestHandler(): IngestHandler {
  const g = globalThis as WithHandler;
  g[key] ??= new IngestHandler({
    auth: new WriteKeyAuthenticator(getDb),
    limiter: new RateLimiter(getEnv().INGEST_RATE_LIMIT),
    writer: new GroupCommitWriter(getDb),
  });
  return g[key];
}
