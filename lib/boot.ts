import { seedOwnerFromEnv } from '@/lib/admins/seed-owner-from-env';
import { resolveAuthSecret } from '@/lib/auth/secret';
import { type Connection, getConnection, wrapConnection } from '@/lib/db/client';
import { migrateConnection } from '@/lib/db/migrate';
import { ensureSecretsKey } from '@/lib/delivery/secret-box';
import type { Env } from '@/lib/env';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { sealStoredFronteggSecrets } from '@/lib/environments/frontegg-secret';
import { provisionWriteKeys } from '@/lib/write-keys/provision-write-keys';

/**
 * Everything a process does before it serves: open (and lock) the database, apply migrations,
 * make sure the built-in environments exist, seed the owner from env, settle the auth secret and
 * provision INIT_WRITE_KEYS, and seal any secret an older version stored in clear (which also
 * settles the secrets key: a wrong SECRETS_KEY stops start-up here rather than at the first send).
 */
export async function bootInstance(env: Env): Promise<{ connection: Connection; authSecret: string; ownerSeeded: boolean }> {
  const connection = await getConnection();
  await migrateConnection(connection);
  const db = wrapConnection(connection);
  await ensureBuiltInEnvironments(db);
  const seeded = await seedOwnerFromEnv(db, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  const authSecret = await resolveAuthSecret(db, env.AUTH_SECRET);
  await provisionWriteKeys(db, env.INIT_WRITE_KEYS ?? []);
  ensureSecretsKey();
  await sealStoredFronteggSecrets(db);
  return { connection, authSecret, ownerSeeded: seeded === 'created' };
}
