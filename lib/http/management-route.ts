import type { Admin } from '@/lib/admins/queries';
import type { Role } from '@/lib/auth/roles';
import { requireApiAdmin } from '@/lib/auth/session';
import { type Db, getDb } from '@/lib/db/client';
import { type Environment, getEnvironmentBySlug } from '@/lib/environments/queries';
import { errorResponse } from './error-response';

type Context<P> = { params: Promise<P> };

/**
 * Wraps a management route handler: require a session with the role, run, map errors once.
 * Handlers stay thin: parse, call lib/, respond.
 */
export function managementRoute<P = Record<string, never>>(
  role: Role,
  handler: (args: { request: Request; admin: Admin; params: P }) => Promise<Response>,
) {
  return async (request: Request, context: Context<P>): Promise<Response> => {
    try {
      const admin = await requireApiAdmin(role);
      return await handler({ request, admin, params: await context.params });
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
