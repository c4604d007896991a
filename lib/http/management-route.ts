import type { Admin } from '@/lib/admins/queries';
import type { Role } from '@/lib/auth/roles';
import { requireApiAdmin } from '@/lib/auth/session';
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
