import { environmentRoute } from '@/lib/api/management-route';
import { redeliverOne } from '@/lib/delivery/deliveries/redeliver';

type Params = { slug: string; id: string };

/** Queues the delivery again, with the same webhook-id. */
export const POST = environmentRoute<Params>('admin', async ({ params, db, environment }) => {
  await redeliverOne(db, environment.id, params.id);
  return Response.json({ queued: 1 }, { status: 202 });
});
