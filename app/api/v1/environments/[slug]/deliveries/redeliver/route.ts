import { environmentRoute } from '@/lib/api/management-route';
import { redeliverFailedSince } from '@/lib/delivery/deliveries/redeliver';
import { redeliverFailedInput } from '@/lib/delivery/deliveries/schemas';
import { parseJsonBody } from '@/lib/http/parse-body';

type Params = { slug: string };

/** Every failed delivery since a time (optionally of one connection) is queued again. */
export const POST = environmentRoute<Params>('admin', async ({ request, db, environment }) => {
  const { since, connectionId } = await parseJsonBody(request, redeliverFailedInput);
  const queued = await redeliverFailedSince(db, environment.id, {
    since: new Date(since),
    ...(connectionId ? { connectionId } : {}),
  });
  return Response.json({ queued }, { status: 202 });
});
