import { environmentRoute } from '@/lib/api/management-route';
import { previewCohort } from '@/lib/cohorts/preview';
import { previewInput } from '@/lib/cohorts/schemas';
import { parseJsonBody } from '@/lib/http/parse-body';

type Params = { slug: string };

/** How many match a filter being edited, and the most recently seen few (POST: the filter is a body). */
export const POST = environmentRoute<Params>('viewer', async ({ request, db, environment }) => {
  const { filter } = await parseJsonBody(request, previewInput);
  return Response.json(await previewCohort(db, filter, { environmentId: environment.id, timeZone: environment.timeZone }));
});
