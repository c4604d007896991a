import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { type Admin, countAdmins, findAdminById } from '@/lib/admins/queries';
import { getDb } from '@/lib/db/client';
import { ForbiddenError, UnauthorizedError } from '@/lib/errors';
import { authOptions } from './options';
import { hasRole, type Role } from './roles';

/**
 * The signed-in team member, read fresh from the database on every request, so that a removed
 * person or a changed role takes effect at once rather than when the session cookie expires.
 * Cached per request: the layout and the page share one look-up.
 */
export const getCurrentAdmin = cache(async (): Promise<Admin | null> => {
  const session = await getServerSession(authOptions());
  const adminId = (session as { adminId?: unknown } | null)?.adminId;
  if (typeof adminId !== 'string') return null;
  return (await findAdminById(await getDb(), adminId)) ?? null;
});

export const setupIsNeeded = cache(async (): Promise<boolean> => (await countAdmins(await getDb())) === 0);

/** For route handlers: the admin, or an error the edge turns into 401 / 403. */
export async function requireApiAdmin(role: Role = 'viewer'): Promise<Admin> {
  const admin = await getCurrentAdmin();
  if (!admin) throw new UnauthorizedError();
  if (!hasRole(admin.role, role)) throw new ForbiddenError(`This needs the ${role} role; you are ${admin.role}.`);
  return admin;
}
