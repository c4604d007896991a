import { getDb } from '@/lib/db/client';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { managementRoute } from '@/lib/http/management-route';
import { parseSearchParams } from '@/lib/http/parse-search-params';
import { PAGE_SIZE, listOccurrences, occurrenceListParams } from '@/lib/signals/occurrence-queries';

type Params = { slug: string };

export const GET = managementRoute<Params>('viewer', async ({ request, params }) => {
  const query = parseSearchParams(request, occurrenceListParams);
  const db = await getDb();
  const environment = await getEnvironmentBySlug(db, params.slug);
  return Response.json({ ...(await listOccurrences(db, environment.id, query)), page: query.page, pageSize: PAGE_SIZE });
});
