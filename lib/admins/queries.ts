import { asc, count, eq, sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { adminUsers } from '@/lib/db/schema';
import { isUuid } from '@/lib/db/uuid';
import { NotFoundError } from '@/lib/errors';

export type AdminRow = typeof adminUsers.$inferSelect;
/** What may leave the server: never the password hash. */
export type Admin = Omit<AdminRow, 'passwordHash'> & { hasPassword: boolean };

export function toAdmin({ passwordHash, ...rest }: AdminRow): Admin {
  return { ...rest, hasPassword: passwordHash !== null };
}

export async function countAdmins(db: Queryable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(adminUsers);
  return row?.n ?? 0;
}

export async function listAdmins(db: Queryable): Promise<Admin[]> {
  const rows = await db.select().from(adminUsers).orderBy(asc(adminUsers.createdAt));
  return rows.map(toAdmin);
}

export async function findAdminRowByEmail(db: Queryable, email: string): Promise<AdminRow | undefined> {
  const [row] = await db
    .select()
    .from(adminUsers)
    .where(sql`lower(${adminUsers.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  return row;
}

export async function findAdminById(db: Queryable, id: string): Promise<Admin | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(adminUsers).where(eq(adminUsers.id, id)).limit(1);
  return row && toAdmin(row);
}

export async function getAdminById(db: Queryable, id: string): Promise<Admin> {
  const admin = await findAdminById(db, id);
  if (!admin) throw new NotFoundError('Team member');
  return admin;
}
