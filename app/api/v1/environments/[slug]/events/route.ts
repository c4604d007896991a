import { environmentRoute } from '@/lib/api/management-route';
import { listRecentEvents, recentEventsParams } from '@/lib/events/queries';
import { parseSearchParams } from '@/lib/http/parse-search-params';

type Params = { slug: string };

/** The live tail of an environment: ?name=&account=&user=&limit=&before=<nextCursor>. */
export const GET = environmentRoute<Params>('viewer', async ({ request, db, environment }) => {
  const query = parseSearchParams(request, recentEventsParams);
  return Response.json(await listRecentEvents(db, environment.id, query));
});
