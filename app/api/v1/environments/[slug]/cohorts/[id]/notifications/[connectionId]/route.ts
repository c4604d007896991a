import { environmentRoute } from '@/lib/api/management-route';
import { detachConnection } from '@/lib/cohorts/cohort-store';
import { isUuid } from '@/lib/db/uuid';
import { NotFoundError } from '@/lib/errors';

type Params = { slug: string; id: string; connectionId: string };

export const DELETE = environmentRoute<Params>('admin', async ({ params, db, environment }) => {
  if (!isUuid(params.connectionId)) throw new NotFoundError(`Connection "${params.connectionId}"`);
  return Response.json({ cohort: await detachConnection(db, environment.id, params.id, params.connectionId) });
});
