import { accountListParams, ACCOUNTS_PAGE_SIZE, listAccounts } from '@/lib/accounts/queries';
import { environmentRoute } from '@/lib/api/management-route';
import { parseSearchParams } from '@/lib/http/parse-search-params';

type Params = { slug: string };

export const GET = environmentRoute<Params>('viewer', async ({ request, db, environment }) => {
  const query = parseSearchParams(request, accountListParams);
  return Response.json({ ...(await listAccounts(db, environment.id, query)), page: query.page, pageSize: ACCOUNTS_PAGE_SIZE });
});
