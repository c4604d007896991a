import { z } from 'zod';

import { environmentRoute } from '@/lib/api/management-route';
import { eventProperties } from '@/lib/cohorts/fields';
import { parseSearchParams } from '@/lib/http/parse-search-params';

type Params = { slug: string };

const query = z.object({
  event: z
    .string({ error: 'expected an event name' })
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters'),
});

/** Property names (with types) of an event, from its latest occurrences. */
export const GET = environmentRoute<Params>('viewer', async ({ request, db, environment }) => {
  const { event } = parseSearchParams(request, query);
  return Response.json({ properties: await eventProperties(db, environment.id, event) });
});
