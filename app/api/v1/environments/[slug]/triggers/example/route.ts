import { z } from 'zod';

import { environmentRoute } from '@/lib/api/management-route';
import { payloadFor } from '@/lib/delivery/payload';
import { exampleEvent } from '@/lib/events/example-event';
import { parseSearchParams } from '@/lib/http/parse-search-params';

type Params = { slug: string };

const query = z.object({
  eventKey: z
    .string({ error: 'expected an event key' })
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters'),
});

/** The payload a test-send of this trigger would carry (shown before sending). */
export const GET = environmentRoute<Params>('viewer', async ({ request, db, environment }) => {
  const { eventKey } = parseSearchParams(request, query);
  return Response.json({ payload: payloadFor(await exampleEvent(db, environment.id, eventKey), environment.slug) });
});
