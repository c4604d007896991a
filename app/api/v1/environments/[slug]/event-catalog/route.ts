import { getDb } from '@/lib/db/client';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { eventCatalog } from '@/lib/events/queries';
import { managementRoute } from '@/lib/http/management-route';

type Params = { slug: string };

export const GET = managementRoute<Params>('viewer', async ({ params }) => {
  const db = await getDb();
  const environment = await getEnvironmentBySlug(db, params.slug);
  return Response.json({ catalog: await eventCatalog(db, environment.id) });
});
