import { z } from 'zod';

import { environmentRoute } from '@/lib/api/management-route';
import { getStoredCohort } from '@/lib/cohorts/cohort-store';
import { listCohortMembers } from '@/lib/cohorts/members';
import { numberParam, parseSearchParams } from '@/lib/http/parse-search-params';

type Params = { slug: string; id: string };

const query = z.object({
  after: z.string().max(500).optional(),
  limit: numberParam({ min: 1, max: 500 }).default(50),
});

/** Current members, by id: ?after=<nextAfter>&limit=. */
export const GET = environmentRoute<Params>('viewer', async ({ request, params, db, environment }) => {
  const cohort = await getStoredCohort(db, environment.id, params.id);
  return Response.json(await listCohortMembers(db, cohort, parseSearchParams(request, query)));
});
