import { environmentRoute } from '@/lib/api/management-route';
import { deliveryLogParams, listDeliveries } from '@/lib/delivery/deliveries/queries';
import { parseSearchParams } from '@/lib/http/parse-search-params';

type Params = { slug: string };

/** The delivery log: ?connection=&status=&trigger=&since=&until=&limit=&cursor=<nextCursor>. */
export const GET = environmentRoute<Params>('viewer', async ({ request, db, environment }) => {
  return Response.json(await listDeliveries(db, environment.id, parseSearchParams(request, deliveryLogParams)));
});
