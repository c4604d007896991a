import { getAccount } from '@/lib/accounts/queries';
import { getDb } from '@/lib/db/client';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { managementRoute } from '@/lib/http/management-route';

type Params = { slug: string; id: string };

export const GET = managementRoute<Params>('viewer', async ({ params }) => {
  const db = await getDb();
  const environment = await getEnvironmentBySlug(db, params.slug);
  return Response.json({ account: await getAccount(db, environment.id, params.id) });
});
