import { eq } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { adminUsers } from '@/lib/db/schema';
import { ForbiddenError } from '@/lib/errors';

import { getAdminById } from './queries';
import { hasRole, type Role } from './roles';

export async function deleteAdmin(db: Queryable, actor: { id: string; role: Role }, id: string): Promise<void> {
  const target = await getAdminById(db, id);
  if (target.id === actor.id) throw new ForbiddenError('You cannot remove yourself; ask another admin.');
  if (target.role === 'owner' && !hasRole(actor.role, 'owner')) throw new ForbiddenError('Only an owner can remove an owner.');
  await db.delete(adminUsers).where(eq(adminUsers.id, target.id));
}
