import { environmentRoute } from '@/lib/api/management-route';
import { jobStatus } from '@/lib/jobs/job-status';
import { signalsJobName } from '@/lib/jobs/scheduler';

type Params = { slug: string };

/** The environment's latest signals evaluation: running (and where it is), or when it ended. */
export const GET = environmentRoute<Params>('viewer', async ({ db, environment }) => {
  return Response.json({ evaluation: await jobStatus(db, signalsJobName(environment.id)) });
});
