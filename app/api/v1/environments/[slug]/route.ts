import { managementRoute } from '@/lib/api/management-route';
import { getDb } from '@/lib/db/client';
import { deleteEnvironment } from '@/lib/environments/delete-environment';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { renameEnvironment } from '@/lib/environments/rename-environment';
import { renameEnvironmentInput } from '@/lib/environments/schemas';
import { parseJsonBody } from '@/lib/http/parse-body';

type Params = { slug: string };

export const GET = managementRoute<Params>('viewer', async ({ params }) => {
  return Response.json({ environment: await getEnvironmentBySlug(await getDb(), params.slug) });
});

export const PATCH = managementRoute<Params>('admin', async ({ request, params }) => {
  const input = await parseJsonBody(request, renameEnvironmentInput);
  return Response.json({ environment: await renameEnvironment(await getDb(), params.slug, input) });
});

export const DELETE = managementRoute<Params>('admin', async ({ params }) => {
  await deleteEnvironment(await getDb(), params.slug);
  return new Response(null, { status: 204 });
});
