import { environmentRoute } from '@/lib/api/management-route';
import { deleteCohort, getCohort, updateCohort } from '@/lib/cohorts/cohort-store';
import { listCohortRuns } from '@/lib/cohorts/members';
import { updateCohortInput } from '@/lib/cohorts/schemas';
import { parseJsonBody } from '@/lib/http/parse-body';

type Params = { slug: string; id: string };

/** The cohort with its latest runs. */
export const GET = environmentRoute<Params>('viewer', async ({ params, db, environment }) => {
  const cohort = await getCohort(db, environment.id, params.id);
  return Response.json({ cohort, runs: await listCohortRuns(db, cohort.id) });
});

export const PATCH = environmentRoute<Params>('admin', async ({ request, params, db, environment }) => {
  const input = await parseJsonBody(request, updateCohortInput);
  return Response.json({ cohort: await updateCohort(db, environment.id, params.id, input) });
});

export const DELETE = environmentRoute<Params>('admin', async ({ params, db, environment }) => {
  await deleteCohort(db, environment.id, params.id);
  return new Response(null, { status: 204 });
});
