import { redirect } from 'next/navigation';

import type { Admin } from '@/lib/admins/queries';

import { getCurrentAdmin, setupIsNeeded } from './session';

/**
 * For dashboard pages: the admin, or a redirect to first-run setup (no one exists yet) or to
 * sign-in with a way back. Every page calls it itself; a layout check alone can be skipped by
 * partial rendering.
 */
export async function requirePageAdmin(returnTo: string): Promise<Admin> {
  const admin = await getCurrentAdmin();
  if (admin) return admin;
  if (await setupIsNeeded()) redirect('/setup');
  redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
}
