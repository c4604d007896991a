import { type IngestRoute, bodyLimit, ingestCorsHeaders } from './handle-ingest';
import { readWebBody } from '@/lib/http/read-body';
import { getIngestHandler } from './service';

/** The Next route handlers of /api/v1/{track,identify,…,batch}: the same handler as the fast path. */
export function ingestRoute(route: IngestRoute) {
  return {
    async POST(request: Request): Promise<Response> {
      const authorization = request.headers.get('authorization') ?? undefined;
      const handler = getIngestHandler();
      const refused = await handler.refuseBeforeBody(authorization);
      const result =
        refused ?? (await handler.handle({ route, authorization, body: await readWebBody(request, bodyLimit(route)) }));
      return Response.json(result.body, { status: result.status, headers: { ...ingestCorsHeaders, ...result.headers } });
    },
    OPTIONS(): Response {
      return new Response(null, { status: 204, headers: ingestCorsHeaders });
    },
  };
}
