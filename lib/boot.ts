import { seedOwnerFromEnv } from '@/lib/admins/seed-owner-from-env';
import { resolveAuthSecret } from '@/lib/auth/secret';
import { type Connection, getConnection, wrapConnection } from '@/lib/db/client';
import { migrateConnection } from '@/lib/db/migrate';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import type { Env } from '@/lib/env';
import { provisionWriteKeys } from '@/lib/write-keys/provision-write-keys';

/**
 * Everything a process does before it serves: open (and lock) the database, apply migrations,
 * make sure the built-in environments exist, seed the owner from env, settle the auth secret and
 * provision INIT_WRITE_KEYS.
 */
export async function bootInstance(env: Env): Promise<{ connection: Connection; authSecret: string; ownerSeeded: boolean }> {
  const connection = await getConnection();
  await migrateConnection(connection);
  const db = wrapConnection(connection);
  await ensureBuiltInEnvironments(db);
  const seeded = await seedOwnerFromEnv(db, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  const authSecret = await resolveAuthSecret(db, env.AUTH_SECRET);
  await provisionWriteKeys(db, env.INIT_WRITE_KEYS ?? []);
  return { connection, authSecret, ownerSeeded: seeded === 'created' };
}
