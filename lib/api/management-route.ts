import type { Admin } from '@/lib/admins/queries';
import type { Role } from '@/lib/admins/roles';
import { requireApiSession } from '@/lib/auth/session';
import { type Db, getDb } from '@/lib/db/client';
import { findUnstorable } from '@/lib/db/json-guard';
import { type Environment, getEnvironmentBySlug } from '@/lib/environments/queries';
import { ValidationError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/error-response';
import { assertSameOriginJson } from '@/lib/http/same-origin';

type Context<P> = { params: Promise<P> };

/**
 * Wraps a management route handler: a change must come from the app's own pages as JSON (CSRF),
 * then require a session with the role, run, map errors once. Handlers stay thin: parse, call
 * lib/, respond.
 */
export function managementRoute<P = Record<string, never>>(
  role: Role,
  handler: (args: { request: Request; admin: Admin; sessionId: string; params: P }) => Promise<Response>,
) {
  return async (request: Request, context: Context<P>): Promise<Response> => {
    try {
      assertSameOriginJson(request);
      const { admin, sessionId } = await requireApiSession(role);
      const params = await context.params;
      // A path segment that cannot be stored cannot name anything either.
      const unstorable = findUnstorable(params, '');
      if (unstorable) throw new ValidationError(`${unstorable.path}: ${unstorable.message}`, [unstorable]);
      return await handler({ request, admin, sessionId, params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * A management route under /environments/{slug}: as managementRoute, and the environment is
 * looked up (404 naming the slug when it does not exist) before the handler runs.
 */
export function environmentRoute<P extends { slug: string }>(
  role: Role,
  handler: (args: { request: Request; admin: Admin; params: P; db: Db; environment: Environment }) => Promise<Response>,
) {
  return managementRoute<P>(role, async ({ request, admin, params }) => {
    const db = await getDb();
    const environment = await getEnvironmentBySlug(db, params.slug);
    return handler({ request, admin, params, db, environment });
  });
}
