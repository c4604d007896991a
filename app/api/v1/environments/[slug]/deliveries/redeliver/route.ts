import { z } from 'zod';
import { redeliverFailedSince } from '@/lib/delivery/deliveries/redeliver';
import { environmentRoute } from '@/lib/api/management-route';
import { uuidField } from '@/lib/db/uuid';
import { parseJsonBody } from '@/lib/http/parse-body';

type Params = { slug: string };

const input = z.object({
  since: z.iso.datetime({ offset: true, error: 'expected an ISO date-time such as 2026-11-24T00:00:00Z' }),
  connectionId: uuidField('expected a connection id').optional(),
});

/** Every failed delivery since a time (optionally of one connection) is queued again. */
export const POST = environmentRoute<Params>('admin', async ({ request, db, environment }) => {
  const { since, connectionId } = await parseJsonBody(request, input);
  const queued = await redeliverFailedSince(db, environment.id, {
    since: new Date(since),
    ...(connectionId ? { connectionId } : {}),
  });
  return Response.json({ queued }, { status: 202 });
});
