import { type IngestRoute, bodyLimit, ingestCorsHeaders } from './handle-ingest';
import { readWebBody } from '@/lib/http/read-body';
import { getIngestHandler } from './service';

/** The Next route handlers of /api/v1/{track,identify,…,batch}: the same handler as the fast path. */
export function ingestRoute(route: IngestRoute) {
  return {
    async POST(request: Request): Promise<Response> {
      const body = await readWebBody(request, bodyLimit(route));
      const result = await getIngestHandler().handle({
        route,
        authorization: request.headers.get('authorization') ?? undefined,
        body,
      });
      return Response.json(result.body, { status: result.status, headers: { ...ingestCorsHeaders, ...result.headers } });
    },
    OPTIONS(): Response {
      return new Response(null, { status: 204, headers: ingestCorsHeaders });
    },
  };
}
