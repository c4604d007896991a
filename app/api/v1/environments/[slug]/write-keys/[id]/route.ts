import { getDb } from '@/lib/db/client';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { managementRoute } from '@/lib/http/management-route';
import { revokeWriteKey } from '@/lib/write-keys/revoke-write-key';

type Params = { slug: string; id: string };

/** Revokes the key (the row stays, so the list shows when it was revoked). */
export const DELETE = managementRoute<Params>('admin', async ({ params }) => {
  const db = await getDb();
  const environment = await getEnvironmentBySlug(db, params.slug);
  await revokeWriteKey(db, { environmentId: environment.id, id: params.id });
  return new Response(null, { status: 204 });
});
