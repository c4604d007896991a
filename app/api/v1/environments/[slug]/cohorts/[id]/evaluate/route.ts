import { environmentRoute } from '@/lib/api/management-route';
import { getStoredCohort } from '@/lib/cohorts/cohort-store';
import { evaluateCohort } from '@/lib/cohorts/evaluate-cohort';
import { appOrigin } from '@/lib/env';

type Params = { slug: string; id: string };

/** Evaluates the cohort now (the schedule carries on from this run). */
export const POST = environmentRoute<Params>('admin', async ({ params, db, environment }) => {
  const cohort = await getStoredCohort(db, environment.id, params.id);
  return Response.json({ run: await evaluateCohort(db, cohort.id, { appOrigin: appOrigin() }) });
});
