import { environmentRoute } from '@/lib/api/management-route';
import { triggerGroups } from '@/lib/events/trigger-options';

type Params = { slug: string };

/** What connections can subscribe to, grouped for the picker. */
export const GET = environmentRoute<Params>('viewer', async ({ db, environment }) => {
  return Response.json({ groups: await triggerGroups(db, environment.id) });
});
