import { z } from 'zod';

import { environmentRoute } from '@/lib/api/management-route';
import { cohortFields } from '@/lib/cohorts/fields';
import { parseSearchParams } from '@/lib/http/parse-search-params';

type Params = { slug: string };

const query = z.object({ entity: z.enum(['users', 'accounts'], { error: 'expected users or accounts' }).default('users') });

/** Trait names (with types) and event names for the builder's pickers. */
export const GET = environmentRoute<Params>('viewer', async ({ request, db, environment }) => {
  const { entity } = parseSearchParams(request, query);
  return Response.json(await cohortFields(db, environment.id, entity));
});
