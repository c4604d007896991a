import { createServer, type Server } from 'node:http';

import { checkDatabase, type DatabaseHealth, healthAnswer } from '@/lib/db/health';
import { AppError } from '@/lib/errors';
import { errorAnswer } from '@/lib/http/error-response';
import { limitRequestTime } from '@/lib/http/node-guard';

import { handleIngestFastPath, sendIngestAnswer } from './fast-path';
import { type IngestHandler, ingestRoutes } from './handle-ingest';

const ONLY_INGESTION = `This port serves ingestion only: POST ${ingestRoutes.map((r) => `/v1/${r}`).join(', ')}.`;

/**
 * The server of INGEST_PORT: the Segment routes of the ingest fast path (the same code as on the
 * app's port), GET /api/health, and a 404 naming what it serves for anything else.
 */
export function createIngestOnlyServer(
  handler: () => IngestHandler,
  health: () => Promise<DatabaseHealth> = () => checkDatabase(),
): Server {
  return limitRequestTime(
    createServer((req, res) => {
      if (handleIngestFastPath(req, res, handler)) return;
      if (req.method === 'GET' && req.url?.split('?')[0] === '/api/health') {
        void health()
          .catch((): DatabaseHealth => ({ status: 'down', error: 'health check failed' }))
          .then((database) => sendIngestAnswer(res, healthAnswer(database)));
        return;
      }
      sendIngestAnswer(res, errorAnswer(new AppError('not_found', ONLY_INGESTION)));
    }),
  );
}
