import { environmentRoute } from '@/lib/api/management-route';
import { rotateSigningSecret } from '@/lib/delivery/connections/rotate-secret';

type Params = { slug: string; id: string };

/** A new signing secret, shown this once; the old one keeps signing for 24 hours. */
export const POST = environmentRoute<Params>('admin', async ({ params, db, environment }) => {
  const rotated = await rotateSigningSecret(db, environment.id, params.id);
  return Response.json(rotated, { headers: { 'cache-control': 'no-store' } });
});
