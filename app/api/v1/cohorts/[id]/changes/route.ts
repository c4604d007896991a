import { eq } from 'drizzle-orm';
import { z } from 'zod';

import { requireApiAdmin } from '@/lib/auth/session';
import { listCohortChanges } from '@/lib/cohorts/changes';
import { requireReceiverToken } from '@/lib/cohorts/changes-auth';
import { getDb } from '@/lib/db/client';
import { cohorts } from '@/lib/db/schema';
import { isUuid } from '@/lib/db/uuid';
import { NotFoundError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/error-response';
import { numberParam, parseSearchParams } from '@/lib/http/parse-search-params';

const query = z.object({
  since: z.string().max(500).optional(),
  limit: numberParam({ min: 1, max: 1000 }).default(500),
});

/**
 * Every add and remove of a cohort after a cursor (?since=<nextCursor>), so a receiver that missed
 * notifications can reconcile. A signed-in admin may read it, or a receiver with the signing secret
 * of an enabled webhook attached to the cohort as a bearer token.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await context.params;
    if (!isUuid(id)) throw new NotFoundError(`Cohort "${id}"`);
    const db = await getDb();
    const bearer = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    if (bearer) {
      await requireReceiverToken(db, id, bearer);
    } else {
      await requireApiAdmin('viewer');
      const [cohort] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, id));
      if (!cohort) throw new NotFoundError(`Cohort "${id}"`);
    }
    return Response.json(await listCohortChanges(db, id, parseSearchParams(request, query)));
  } catch (error) {
    return errorResponse(error);
  }
}
