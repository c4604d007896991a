import { sql } from 'drizzle-orm';

import type { Db } from '@/lib/db/client';
import { adminUsers } from '@/lib/db/schema';
import { ConflictError } from '@/lib/errors';

import { hashPassword } from './password';
import { type Admin, countAdmins, toAdmin } from './queries';
import type { SetupOwnerInput } from './schemas';

const SETUP_LOCK_ID = 72_711_002;

const alreadyDone = () => new ConflictError('Setup is already done: sign in with an existing account.');

/** Refuses (409) once the first owner exists: the setup route asks before it reads a body. */
export async function assertSetupOpen(db: Db): Promise<void> {
  if ((await countAdmins(db)) > 0) throw alreadyDone();
}

/**
 * First run: creates the owner while no one else exists. Serialised with an advisory lock so that
 * two people racing through the setup page cannot both become owner.
 */
export async function createFirstOwner(db: Db, input: SetupOwnerInput): Promise<Admin> {
  // Checked before hashing too, so that requests to a finished setup cost nothing.
  await assertSetupOpen(db);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_ID})`);
    if ((await countAdmins(tx)) > 0) {
      throw alreadyDone();
    }
    const [row] = await tx
      .insert(adminUsers)
      .values({ email: input.email, name: input.name || null, role: 'owner', passwordHash })
      .returning();
    if (!row) throw new Error('insert into admin_users returned no row');
    return toAdmin(row);
  });
}
