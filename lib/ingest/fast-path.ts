import type { IncomingMessage, ServerResponse } from 'node:http';

import { AppError } from '@/lib/errors';
import { errorAnswer, sendAnswer } from '@/lib/http/error-response';
import { BodyBudget, cutAfterAnswer, type ReadBody, readNodeBody } from '@/lib/http/read-body';

import {
  bodyLimit,
  failedIngest,
  ingestCorsHeaders,
  type IngestHandler,
  type IngestHttpResponse,
  type IngestRoute,
  ingestRoutes,
} from './handle-ingest';

// Ingestion is the hot path: Next's per-request work costs ~1 ms a request here, more than the
// write itself, so server.ts answers these paths straight from node:http with the same handler
// the Next routes use. Both /api/v1/<type> and Segment's own /v1/<type> are served, so an SDK can
// be pointed at the host alone.
const pattern = new RegExp(`^/(?:api/)?v1/(${ingestRoutes.join('|')})/?(?:\\?.*)?$`);

/**
 * Bytes of ingest bodies a process reads at once: 128 full batches. Past it, 503 with Retry-After
 * rather than memory for every slow or unfinished upload (each is also cut after 30 s: server.ts).
 */
const ingestBodyBudget = new BodyBudget(64 * 1024 * 1024);

/** An answer with the ingest routes' CORS headers (also INGEST_PORT's other answers). */
export function sendIngestAnswer(res: ServerResponse, answer: IngestHttpResponse): void {
  sendAnswer(res, { ...answer, headers: { ...ingestCorsHeaders, ...answer.headers } });
}

/** Handles the request if it is an ingest request; returns false to let Next handle it. */
export function handleIngestFastPath(req: IncomingMessage, res: ServerResponse, handler: () => IngestHandler): boolean {
  const match = pattern.exec(req.url ?? '');
  if (!match) return false;
  const route = match[1] as IngestRoute;
  if (req.method === 'OPTIONS') {
    sendIngestAnswer(res, { status: 204, body: undefined });
    return true;
  }
  if (req.method !== 'POST') {
    sendIngestAnswer(res, errorAnswer(new AppError('method_not_allowed', 'Use POST.', undefined, { allow: 'POST, OPTIONS' })));
    return true;
  }
  void (async () => {
    const ingest = handler();
    const authorization = req.headers.authorization;
    let body: ReadBody;
    try {
      const refused = await ingest.refuseBeforeBody(authorization);
      if (refused) {
        cutAfterAnswer(req, res);
        sendIngestAnswer(res, refused);
        return;
      }
      body = await readNodeBody(req, res, bodyLimit(route), ingestBodyBudget);
    } catch {
      // The client went away mid-body: nobody is left to answer, and nothing was written.
      res.destroy();
      return;
    }
    try {
      const result = await ingest.handle({ route, authorization, body });
      sendIngestAnswer(res, result);
    } catch (error) {
      const failed = failedIngest(error, 'Ingest request failed');
      if (!res.headersSent) sendIngestAnswer(res, failed);
    }
  })();
  return true;
}
