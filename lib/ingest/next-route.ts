import { readWebBody } from '@/lib/http/read-body';

import { bodyLimit, failedIngest, ingestCorsHeaders, type IngestHandler, type IngestRoute } from './handle-ingest';
import { getIngestHandler } from './service';

/** The Next route handlers of /api/v1/{track,identify,…,batch}: the same handler as the fast path. */
export function ingestRoute(route: IngestRoute, handler: () => IngestHandler = getIngestHandler) {
  const answer = async (request: Request) => {
    const authorization = request.headers.get('authorization') ?? undefined;
    const ingest = handler();
    const refused = await ingest.refuseBeforeBody(authorization);
    return refused ?? (await ingest.handle({ route, authorization, body: await readWebBody(request, bodyLimit(route)) }));
  };
  return {
    async POST(request: Request): Promise<Response> {
      const result = await answer(request).catch((error: unknown) => failedIngest(error, 'Ingest request failed'));
      return Response.json(result.body, { status: result.status, headers: { ...ingestCorsHeaders, ...result.headers } });
    },
    OPTIONS(): Response {
      return new Response(null, { status: 204, headers: ingestCorsHeaders });
    },
  };
}
