import { environmentRoute } from '@/lib/api/management-route';
import { createConnection } from '@/lib/delivery/connections/create-connection';
import { listConnections } from '@/lib/delivery/connections/queries';
import { createConnectionInput } from '@/lib/delivery/connections/schemas';
import { deliveryStats } from '@/lib/delivery/deliveries/queries';
import { parseJsonBody } from '@/lib/http/parse-body';

type Params = { slug: string };

/** This environment's connections, each with its last 24 hours of deliveries. */
export const GET = environmentRoute<Params>('viewer', async ({ db, environment }) => {
  const [list, stats] = await Promise.all([listConnections(db, environment.id), deliveryStats(db, environment.id)]);
  return Response.json({
    connections: list.map((c) => ({ ...c, last24h: stats.get(c.id) ?? { succeeded: 0, failed: 0, pending: 0, lastAt: null } })),
  });
});

/** The only response that contains a webhook's signing secret. */
export const POST = environmentRoute<Params>('admin', async ({ request, db, environment }) => {
  const input = await parseJsonBody(request, createConnectionInput);
  const created = await createConnection(db, environment.id, input);
  return Response.json(created, { status: 201, headers: { 'cache-control': 'no-store' } });
});
