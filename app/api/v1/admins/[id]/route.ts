import { deleteAdmin } from '@/lib/admins/delete-admin';
import { updateAdminInput } from '@/lib/admins/schemas';
import { updateAdmin } from '@/lib/admins/update-admin';
import { managementRoute } from '@/lib/api/management-route';
import { getDb } from '@/lib/db/client';
import { parseJsonBody } from '@/lib/http/parse-body';

type Params = { id: string };

export const PATCH = managementRoute<Params>('admin', async ({ request, admin, sessionId, params }) => {
  const input = await parseJsonBody(request, updateAdminInput);
  return Response.json({ admin: await updateAdmin(await getDb(), { ...admin, sessionId }, params.id, input) });
});

export const DELETE = managementRoute<Params>('admin', async ({ admin, params }) => {
  await deleteAdmin(await getDb(), admin, params.id);
  return new Response(null, { status: 204 });
});
