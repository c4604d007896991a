import { environmentRoute } from '@/lib/api/management-route';
import { parseSearchParams } from '@/lib/http/parse-search-params';
import { listOccurrences, occurrenceListParams, PAGE_SIZE } from '@/lib/signals/occurrence-queries';

type Params = { slug: string };

export const GET = environmentRoute<Params>('viewer', async ({ request, db, environment }) => {
  const query = parseSearchParams(request, occurrenceListParams);
  return Response.json({ ...(await listOccurrences(db, environment.id, query)), page: query.page, pageSize: PAGE_SIZE });
});
