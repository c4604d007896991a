import { z } from 'zod';
import { detachConnection } from '@/lib/cohorts/cohort-store';
import { NotFoundError } from '@/lib/errors';
import { environmentRoute } from '@/lib/api/management-route';

type Params = { slug: string; id: string; connectionId: string };

export const DELETE = environmentRoute<Params>('admin', async ({ params, db, environment }) => {
  if (!z.uuid().safeParse(params.connectionId).success) throw new NotFoundError(`Connection "${params.connectionId}"`);
  return Response.json({ cohort: await detachConnection(db, environment.id, params.id, params.connectionId) });
});
