import { managementRoute } from '@/lib/api/management-route';
import { getDb } from '@/lib/db/client';
import { createEnvironment } from '@/lib/environments/create-environment';
import { listEnvironments } from '@/lib/environments/queries';
import { createEnvironmentInput } from '@/lib/environments/schemas';
import { parseJsonBody } from '@/lib/http/parse-body';

export const GET = managementRoute('viewer', async () => {
  return Response.json({ environments: await listEnvironments(await getDb()) });
});

export const POST = managementRoute('admin', async ({ request }) => {
  const input = await parseJsonBody(request, createEnvironmentInput);
  const environment = await createEnvironment(await getDb(), input);
  return Response.json({ environment }, { status: 201 });
});
