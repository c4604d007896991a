import { type Server, type ServerResponse, createServer } from 'node:http';
import { type DatabaseHealth, checkDatabase, healthAnswer } from '@/lib/db/health';
import { handleIngestFastPath } from './fast-path';
import type { IngestHandler } from './handle-ingest';

const ONLY_INGESTION =
  'This port serves ingestion only: POST /v1/track, /v1/identify, /v1/group, /v1/page, /v1/screen, /v1/alias or /v1/batch.';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * The server of INGEST_PORT: the Segment routes of the ingest fast path (the same code as on the
 * app's port), GET /api/health, and a 404 naming what it serves for anything else.
 */
export function createIngestOnlyServer(
  handler: () => IngestHandler,
  health: () => Promise<DatabaseHealth> = checkDatabase,
): Server {
  return createServer((req, res) => {
    if (handleIngestFastPath(req, res, handler)) return;
    if (req.method === 'GET' && req.url?.split('?')[0] === '/api/health') {
      void health().then((database) => {
        const { status, body } = healthAnswer(database);
        json(res, status, body);
      });
      return;
    }
    json(res, 404, { error: { code: 'not_found', message: ONLY_INGESTION } });
  });
}
