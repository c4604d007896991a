import { environmentRoute } from '@/lib/api/management-route';
import { eventCatalog } from '@/lib/events/queries';

type Params = { slug: string };

export const GET = environmentRoute<Params>('viewer', async ({ db, environment }) => {
  return Response.json({ catalog: await eventCatalog(db, environment.id) });
});
