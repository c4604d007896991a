import { getServerSession } from 'next-auth';
import { cache } from 'react';

import { type Admin, countAdmins } from '@/lib/admins/queries';
import { hasRole, type Role } from '@/lib/admins/roles';
import { getDb } from '@/lib/db/client';
import { ForbiddenError, UnauthorizedError } from '@/lib/errors';

import { authOptions } from './options';
import { findSessionAdmin } from './sessions';

export type SignedIn = { admin: Admin; sessionId: string };

/**
 * The signed-in team member and their session, read fresh from the database on every request:
 * a session that was ended (sign-out, password or role change, removal) or a changed role takes
 * effect at once, not when the cookie expires. Cached per request: the layout and the page share
 * one look-up.
 */
export const getCurrentSession = cache(async (): Promise<SignedIn | null> => {
  const session = (await getServerSession(authOptions())) as { adminId?: unknown; sessionId?: unknown } | null;
  const { adminId, sessionId } = session ?? {};
  if (typeof adminId !== 'string' || typeof sessionId !== 'string') return null;
  const admin = await findSessionAdmin(await getDb(), { adminId, sessionId });
  return admin ? { admin, sessionId } : null;
});

export async function getCurrentAdmin(): Promise<Admin | null> {
  return (await getCurrentSession())?.admin ?? null;
}

export const setupIsNeeded = cache(async (): Promise<boolean> => (await countAdmins(await getDb())) === 0);

/** For route handlers: the signed-in session, or an error the edge turns into 401 / 403. */
export async function requireApiSession(role: Role = 'viewer'): Promise<SignedIn> {
  const signedIn = await getCurrentSession();
  if (!signedIn) throw new UnauthorizedError();
  const { admin } = signedIn;
  if (!hasRole(admin.role, role)) throw new ForbiddenError(`This needs the ${role} role; you are ${admin.role}.`);
  return signedIn;
}

export async function requireApiAdmin(role: Role = 'viewer'): Promise<Admin> {
  return (await requireApiSession(role)).admin;
}
