import { getDb } from '@/lib/db/client';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { listRecentEvents, recentEventsParams } from '@/lib/events/queries';
import { managementRoute } from '@/lib/http/management-route';
import { parseSearchParams } from '@/lib/http/parse-search-params';

type Params = { slug: string };

/** The live tail of an environment: ?name=&account=&user=&limit=&before=<nextCursor>. */
export const GET = managementRoute<Params>('viewer', async ({ request, params }) => {
  const query = parseSearchParams(request, recentEventsParams);
  const db = await getDb();
  const environment = await getEnvironmentBySlug(db, params.slug);
  return Response.json(await listRecentEvents(db, environment.id, query));
});
