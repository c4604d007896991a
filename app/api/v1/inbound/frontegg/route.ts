import { getDb } from '@/lib/db/client';
import { receiveFronteggWebhook } from '@/lib/ingest/frontegg-webhook';
import { IngestOverloadedError } from '@/lib/ingest/group-commit';
import { MAX_EVENT_BYTES } from '@/lib/ingest/limits';
import { readWebBody } from '@/lib/http/read-body';
import { getIngestWriter } from '@/lib/ingest/service';
import { errorResponse, jsonError } from '@/lib/http/error-response';

// Public: authenticated by the JWT Frontegg signs with the environment's webhook secret.
export async function POST(request: Request): Promise<Response> {
  try {
    const result = await receiveFronteggWebhook(
      {
        environment: new URL(request.url).searchParams.get('environment'),
        signature: request.headers.get('x-webhook-secret') ?? undefined,
        body: await readWebBody(request, MAX_EVENT_BYTES),
      },
      { db: getDb, writer: getIngestWriter() },
    );
    return Response.json(result.body, { status: result.status });
  } catch (error) {
    if (error instanceof IngestOverloadedError)
      return jsonError(503, 'overloaded', 'Busy: retry shortly.', undefined, { 'retry-after': '1' });
    return errorResponse(error);
  }
}
