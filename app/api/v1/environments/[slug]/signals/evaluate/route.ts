import { getDb } from '@/lib/db/client';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { managementRoute } from '@/lib/http/management-route';
import { runSignalsJob } from '@/lib/jobs/scheduler';

type Params = { slug: string };

/** "Evaluate now": runs the environment's evaluation at once and answers with what changed. */
export const POST = managementRoute<Params>('admin', async ({ params }) => {
  const environment = await getEnvironmentBySlug(await getDb(), params.slug);
  return Response.json({ result: await runSignalsJob(environment) });
});
