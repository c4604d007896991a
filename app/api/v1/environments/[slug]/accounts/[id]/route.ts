import { getAccount } from '@/lib/accounts/queries';
import { environmentRoute } from '@/lib/api/management-route';

type Params = { slug: string; id: string };

export const GET = environmentRoute<Params>('viewer', async ({ params, db, environment }) => {
  return Response.json({ account: await getAccount(db, environment.id, params.id) });
});
