import { and, eq, ne } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { adminSessions } from '@/lib/db/schema';

// A person's sessions end when their password or role changes or they are removed (lib/auth/sessions.ts
// starts, finds and ends them one at a time).

/** Ends every session of a person, but for `except` (the one making a change to themselves). */
export async function endSessionsOf(db: Queryable, adminId: string, options: { except?: string } = {}): Promise<void> {
  await db
    .delete(adminSessions)
    .where(and(eq(adminSessions.adminId, adminId), options.except ? ne(adminSessions.id, options.except) : undefined));
}
