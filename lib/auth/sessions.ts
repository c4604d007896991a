import { randomBytes } from 'node:crypto';

import { and, eq, gt, lt } from 'drizzle-orm';

import { type Admin, toAdmin } from '@/lib/admins/queries';
import type { Queryable } from '@/lib/db/client';
import { adminSessions, adminUsers } from '@/lib/db/schema';
import { isUuid } from '@/lib/db/uuid';

// Sessions are JWT cookies that next-auth signs, and a JWT cannot be taken back. So each one
// names a row here, and a request is signed in only while that row exists and has not expired:
// sign-out deletes the row, and a password change, a role change or removal deletes every row
// of that person (schema: admin_sessions).

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** Starts a session for a person who just signed in; the id goes into their cookie. */
export async function startSession(db: Queryable, adminId: string, now = new Date()): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  // Each sign-in is a moment to forget this person's sessions that have expired.
  await db.delete(adminSessions).where(and(eq(adminSessions.adminId, adminId), lt(adminSessions.expiresAt, now)));
  await db.insert(adminSessions).values({ id, adminId, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) });
  return id;
}

/** The person of a live session, or undefined when it was ended, has expired or is not theirs. */
export async function findSessionAdmin(
  db: Queryable,
  who: { adminId: string; sessionId: string },
  now = new Date(),
): Promise<Admin | undefined> {
  if (!isUuid(who.adminId)) return undefined;
  const [row] = await db
    .select({ admin: adminUsers })
    .from(adminSessions)
    .innerJoin(adminUsers, eq(adminUsers.id, adminSessions.adminId))
    .where(and(eq(adminSessions.id, who.sessionId), eq(adminSessions.adminId, who.adminId), gt(adminSessions.expiresAt, now)))
    .limit(1);
  return row && toAdmin(row.admin);
}

export async function endSession(db: Queryable, sessionId: string): Promise<void> {
  await db.delete(adminSessions).where(eq(adminSessions.id, sessionId));
}
