import { environmentRoute } from '@/lib/api/management-route';
import { runSignalsJob } from '@/lib/jobs/scheduler';

type Params = { slug: string };

/** "Evaluate now": runs the environment's evaluation at once and answers with what changed. */
export const POST = environmentRoute<Params>('admin', async ({ environment }) => {
  return Response.json({ result: await runSignalsJob(environment) });
});
