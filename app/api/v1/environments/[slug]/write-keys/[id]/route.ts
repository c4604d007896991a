import { environmentRoute } from '@/lib/api/management-route';
import { revokeWriteKey } from '@/lib/write-keys/revoke-write-key';

type Params = { slug: string; id: string };

/** Revokes the key (the row stays, so the list shows when it was revoked). */
export const DELETE = environmentRoute<Params>('admin', async ({ params, db, environment }) => {
  await revokeWriteKey(db, { environmentId: environment.id, id: params.id });
  return new Response(null, { status: 204 });
});
