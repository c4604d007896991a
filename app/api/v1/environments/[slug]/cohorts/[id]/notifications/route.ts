import { environmentRoute } from '@/lib/api/management-route';
import { attachConnection } from '@/lib/cohorts/cohort-store';
import { attachConnectionInput } from '@/lib/cohorts/schemas';
import { parseJsonBody } from '@/lib/http/parse-body';

type Params = { slug: string; id: string };

/** Attaches a connection: it gets one batched notification per run that changed the cohort. */
export const POST = environmentRoute<Params>('admin', async ({ request, params, db, environment }) => {
  const { connectionId } = await parseJsonBody(request, attachConnectionInput);
  return Response.json({ cohort: await attachConnection(db, environment.id, params.id, connectionId) });
});
