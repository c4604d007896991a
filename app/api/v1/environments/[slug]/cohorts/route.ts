import { environmentRoute } from '@/lib/api/management-route';
import { createCohort, listCohorts } from '@/lib/cohorts/cohort-store';
import { createCohortInput } from '@/lib/cohorts/schemas';
import { parseJsonBody } from '@/lib/http/parse-body';

type Params = { slug: string };

export const GET = environmentRoute<Params>('viewer', async ({ db, environment }) => {
  return Response.json({ cohorts: await listCohorts(db, environment.id) });
});

export const POST = environmentRoute<Params>('admin', async ({ request, db, environment }) => {
  const input = await parseJsonBody(request, createCohortInput);
  return Response.json({ cohort: await createCohort(db, environment.id, input) }, { status: 201 });
});
