import { environmentRoute } from '@/lib/api/management-route';
import { getDelivery } from '@/lib/delivery/deliveries/queries';

type Params = { slug: string; id: string };

/** One delivery with the payload it carries. */
export const GET = environmentRoute<Params>('viewer', async ({ params, db, environment }) => {
  return Response.json({ delivery: await getDelivery(db, environment.id, params.id) });
});
