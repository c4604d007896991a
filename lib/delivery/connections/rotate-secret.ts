import { eq, sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';

import { generateSigningSecret, ROTATION_GRACE_MS } from '../signing';
import { getStoredConnection } from './queries';
import { type ConnectionConfig, openSecrets, sealSecrets } from './stored';
import { type ConnectionView, toConnectionView } from './view';

/**
 * Replaces a webhook's signing secret. The old one stays valid for 24 hours — deliveries carry a
 * signature with each meanwhile — so receivers can switch without dropping a message.
 * Returns the new secret this once.
 */
export async function rotateSigningSecret(
  db: Queryable,
  environmentId: number,
  id: string,
  now = new Date(),
): Promise<{ connection: ConnectionView; secret: string }> {
  const row = await getStoredConnection(db, environmentId, id);
  if (row.kind !== 'webhook') throw ValidationError.field('id', `a ${row.kind} connection has no signing secret`);
  const secrets = openSecrets(row);
  const secret = generateSigningSecret();
  const expiresAt = new Date(now.getTime() + ROTATION_GRACE_MS).toISOString();
  secrets.signing = { current: secret, ...(secrets.signing ? { previous: { secret: secrets.signing.current, expiresAt } } : {}) };
  const config: ConnectionConfig = { ...(row.config as ConnectionConfig), previousSecretExpiresAt: expiresAt };
  const [updated] = await db
    .update(connections)
    .set({ secretsEncrypted: sealSecrets(secrets), config, updatedAt: sql`now()` })
    .where(eq(connections.id, row.id))
    .returning();
  if (!updated) throw new Error('update of connections returned no row');
  return { connection: toConnectionView(updated, now), secret };
}
