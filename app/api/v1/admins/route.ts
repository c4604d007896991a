import { createAdmin } from '@/lib/admins/create-admin';
import { listAdmins } from '@/lib/admins/queries';
import { createAdminInput } from '@/lib/admins/schemas';
import { managementRoute } from '@/lib/api/management-route';
import { getDb } from '@/lib/db/client';
import { parseJsonBody } from '@/lib/http/parse-body';

export const GET = managementRoute('viewer', async () => {
  return Response.json({ admins: await listAdmins(await getDb()) });
});

export const POST = managementRoute('admin', async ({ request, admin }) => {
  const input = await parseJsonBody(request, createAdminInput);
  return Response.json({ admin: await createAdmin(await getDb(), admin, input) }, { status: 201 });
});
