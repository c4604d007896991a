import type { Queryable } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/pg-error';
import { adminUsers } from '@/lib/db/schema';
import { ConflictError, ForbiddenError } from '@/lib/errors';

import { hashPassword } from './password';
import { type Admin, toAdmin } from './queries';
import { hasRole, type Role } from './roles';
import type { CreateAdminInput } from './schemas';

export async function createAdmin(db: Queryable, actor: { role: Role }, input: CreateAdminInput): Promise<Admin> {
  if (input.role === 'owner' && !hasRole(actor.role, 'owner')) {
    throw new ForbiddenError('Only an owner can add another owner.');
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    const [row] = await db
      .insert(adminUsers)
      .values({ email: input.email, name: input.name || null, role: input.role, passwordHash })
      .returning();
    if (!row) throw new Error('insert into admin_users returned no row');
    return toAdmin(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`${input.email} is already a team member.`, [{ path: 'email', message: 'already a team member' }]);
    }
    throw error;
  }
}
