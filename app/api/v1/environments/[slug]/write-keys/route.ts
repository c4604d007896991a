import { environmentRoute } from '@/lib/api/management-route';
import { parseJsonBody } from '@/lib/http/parse-body';
import { createWriteKey } from '@/lib/write-keys/create-write-key';
import { listWriteKeys } from '@/lib/write-keys/queries';
import { createWriteKeyInput } from '@/lib/write-keys/schemas';

type Params = { slug: string };

export const GET = environmentRoute<Params>('viewer', async ({ db, environment }) => {
  return Response.json({ writeKeys: await listWriteKeys(db, environment.id) });
});

/** The only response that ever contains the key itself. */
export const POST = environmentRoute<Params>('admin', async ({ request, admin, db, environment }) => {
  const input = await parseJsonBody(request, createWriteKeyInput);
  const created = await createWriteKey(db, { environmentId: environment.id, createdBy: admin.id, input });
  return Response.json(created, { status: 201, headers: { 'cache-control': 'no-store' } });
});
