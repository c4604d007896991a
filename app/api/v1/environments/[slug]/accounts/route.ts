import { ACCOUNTS_PAGE_SIZE, accountListParams, listAccounts } from '@/lib/accounts/queries';
import { getDb } from '@/lib/db/client';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { managementRoute } from '@/lib/http/management-route';
import { parseSearchParams } from '@/lib/http/parse-search-params';

type Params = { slug: string };

export const GET = managementRoute<Params>('viewer', async ({ request, params }) => {
  const query = parseSearchParams(request, accountListParams);
  const db = await getDb();
  const environment = await getEnvironmentBySlug(db, params.slug);
  return Response.json({ ...(await listAccounts(db, environment.id, query)), page: query.page, pageSize: ACCOUNTS_PAGE_SIZE });
});
