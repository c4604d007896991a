import { and, count, eq, ne } from 'drizzle-orm';

import type { Db } from '@/lib/db/client';
import { adminUsers } from '@/lib/db/schema';
import { ForbiddenError } from '@/lib/errors';

import { endSessionsOf } from './end-sessions';
import { hashPassword } from './password';
import { type Admin, getAdminById, toAdmin } from './queries';
import { hasRole, type Role } from './roles';
import type { UpdateAdminInput } from './schemas';

/**
 * Changes a team member's role, name or password. A new password or role ends that person's
 * sessions everywhere; when they change themselves, the session they did it from is kept.
 */
export async function updateAdmin(
  db: Db,
  actor: { id: string; role: Role; sessionId?: string },
  id: string,
  input: UpdateAdminInput,
): Promise<Admin> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.transaction(async (tx) => {
    const target = await getAdminById(tx, id);
    const touchesOwner = target.role === 'owner' || input.role === 'owner';
    if (touchesOwner && !hasRole(actor.role, 'owner')) throw new ForbiddenError('Only an owner can change an owner.');
    if (input.password !== undefined && target.id !== actor.id && !hasRole(actor.role, 'admin')) {
      throw new ForbiddenError();
    }
    if (target.role === 'owner' && input.role && input.role !== 'owner') {
      const [others] = await tx
        .select({ n: count() })
        .from(adminUsers)
        .where(and(eq(adminUsers.role, 'owner'), ne(adminUsers.id, target.id)));
      if (!others?.n) throw new ForbiddenError('The last owner cannot be demoted: make someone else owner first.');
    }
    const [row] = await tx
      .update(adminUsers)
      .set({
        ...(input.role !== undefined && { role: input.role }),
        ...(input.name !== undefined && { name: input.name || null }),
        ...(passwordHash !== undefined && { passwordHash }),
      })
      .where(eq(adminUsers.id, target.id))
      .returning();
    if (!row) throw new Error('update of admin_users returned no row');
    const roleChanged = input.role !== undefined && input.role !== target.role;
    if (roleChanged || passwordHash !== undefined) {
      await endSessionsOf(tx, target.id, { except: target.id === actor.id ? actor.sessionId : undefined });
    }
    return toAdmin(row);
  });
}
