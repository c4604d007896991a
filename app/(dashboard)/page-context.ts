import type { Admin } from '@/lib/admins/queries';
import { requirePageAdmin } from '@/lib/auth/page-guard';
import { environmentForPage } from '@/lib/environments/page-environment';
import type { Environment } from '@/lib/environments/queries';

import { loadEnvironmentParam, withEnvironment } from './search-params';

export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * What every dashboard page starts with: the signed-in admin (or a redirect to sign-in that comes
 * back to `path`), and the environment the URL names (or Production, or the 404 page).
 */
export async function loadPageContext(
  path: string,
  searchParams: PageSearchParams,
): Promise<{ admin: Admin; environment: Environment; envParam: string }> {
  const { env } = await loadEnvironmentParam(searchParams);
  // Sign-in comes back to the same view, environment included.
  const admin = await requirePageAdmin(withEnvironment(path, env));
  return { admin, environment: await environmentForPage(env), envParam: env };
}
