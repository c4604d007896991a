import type { Db } from '@/lib/db/client';
import { ConflictError } from '@/lib/errors';

import { createFirstOwner } from './create-first-owner';
import { countAdmins } from './queries';

/** ADMIN_EMAIL / ADMIN_PASSWORD seed the owner on a database that has no one yet; otherwise ignored. */
export async function seedOwnerFromEnv(db: Db, seed: { email?: string; password?: string }): Promise<'created' | 'skipped'> {
  if (!seed.email || !seed.password) return 'skipped';
  if ((await countAdmins(db)) > 0) return 'skipped';
  try {
    await createFirstOwner(db, { email: seed.email.toLowerCase(), password: seed.password });
    return 'created';
  } catch (error) {
    // Another process seeded it first.
    if (error instanceof ConflictError) return 'skipped';
    throw error;
  }
}
