import { getDb, getWriterDb, targetFromEnv } from '@/lib/db/client';
import { getEnv } from '@/lib/env';

import { GroupCommitWriter, writersFor } from './group-commit';
import { IngestHandler } from './handle-ingest';
import { RateLimiter } from './rate-limiter';
import { WriteKeyAuthenticator } from './write-key-auth';

// One handler per process, on globalThis: the server's fast path and Next's route handlers are
// separate module copies, and must share one write queue, one key cache and one rate limiter.
const handlerKey = Symbol.for('signalboard.ingest.handler');
const writerKey = Symbol.for('signalboard.ingest.writer');
type WithIngest = typeof globalThis & { [handlerKey]?: IngestHandler; [writerKey]?: GroupCommitWriter };

export function getIngestWriter(): GroupCommitWriter {
  const g = globalThis as WithIngest;
  g[writerKey] ??= new GroupCommitWriter(getWriterDb, { writers: writersFor(targetFromEnv().kind) });
  return g[writerKey];
}

export function getIngestHandler(): IngestHandler {
  const g = globalThis as WithIngest;
  g[handlerKey] ??= new IngestHandler({
    auth: new WriteKeyAuthenticator(getDb),
    limiter: new RateLimiter(getEnv().INGEST_RATE_LIMIT),
    writer: getIngestWriter(),
  });
  return g[handlerKey];
}
