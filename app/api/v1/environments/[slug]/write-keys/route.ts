import { getDb } from '@/lib/db/client';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { managementRoute } from '@/lib/http/management-route';
import { parseJsonBody } from '@/lib/http/parse-body';
import { createWriteKey } from '@/lib/write-keys/create-write-key';
import { listWriteKeys } from '@/lib/write-keys/queries';
import { createWriteKeyInput } from '@/lib/write-keys/schemas';

type Params = { slug: string };

export const GET = managementRoute<Params>('viewer', async ({ params }) => {
  const db = await getDb();
  const environment = await getEnvironmentBySlug(db, params.slug);
  return Response.json({ writeKeys: await listWriteKeys(db, environment.id) });
});

/** The only response that ever contains the key itself. */
export const POST = managementRoute<Params>('admin', async ({ request, params, admin }) => {
  const input = await parseJsonBody(request, createWriteKeyInput);
  const db = await getDb();
  const environment = await getEnvironmentBySlug(db, params.slug);
  const created = await createWriteKey(db, { environmentId: environment.id, createdBy: admin.id, input });
  return Response.json(created, { status: 201, headers: { 'cache-control': 'no-store' } });
});
