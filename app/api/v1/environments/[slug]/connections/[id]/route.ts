import { environmentRoute } from '@/lib/api/management-route';
import { deleteConnection } from '@/lib/delivery/connections/delete-connection';
import { getConnection } from '@/lib/delivery/connections/queries';
import { updateConnectionInput } from '@/lib/delivery/connections/schemas';
import { updateConnection } from '@/lib/delivery/connections/update-connection';
import { parseJsonBody } from '@/lib/http/parse-body';

type Params = { slug: string; id: string };

export const GET = environmentRoute<Params>('viewer', async ({ params, db, environment }) => {
  return Response.json({ connection: await getConnection(db, environment.id, params.id) });
});

export const PATCH = environmentRoute<Params>('admin', async ({ request, params, db, environment }) => {
  const input = await parseJsonBody(request, updateConnectionInput);
  return Response.json({ connection: await updateConnection(db, environment.id, params.id, input) });
});

export const DELETE = environmentRoute<Params>('admin', async ({ params, db, environment }) => {
  await deleteConnection(db, environment.id, params.id);
  return new Response(null, { status: 204 });
});
