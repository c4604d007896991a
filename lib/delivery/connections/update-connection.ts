import { eq, sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';

import { getStoredConnection } from './queries';
import type { UpdateConnectionInput } from './schemas';
import { type ConnectionConfig, openSecrets, sealSecrets, slackUrlHint } from './stored';
import { type ConnectionView, toConnectionView } from './view';

const FIELDS_BY_KIND = {
  webhook: ['name', 'url', 'eventKeys', 'headers', 'enabled'],
  slack: ['name', 'url', 'eventKeys', 'enabled'],
  email: ['name', 'recipients', 'eventKeys', 'enabled'],
} as const;

/** Applies an edit. Turning a connection back on clears why it was turned off and its failure streak. */
export async function updateConnection(
  db: Queryable,
  environmentId: number,
  id: string,
  input: UpdateConnectionInput,
): Promise<ConnectionView> {
  const row = await getStoredConnection(db, environmentId, id);
  const allowed: readonly string[] = FIELDS_BY_KIND[row.kind];
  for (const field of Object.keys(input)) {
    if (!allowed.includes(field)) throw ValidationError.field(field, `does not apply to a ${row.kind} connection`);
  }
  const config: ConnectionConfig = { ...(row.config as ConnectionConfig) };
  const secrets = openSecrets(row);
  let secretsChanged = false;

  if (input.url !== undefined) {
    if (row.kind === 'slack') {
      secrets.slackUrl = input.url;
      config.slackUrlHint = slackUrlHint(input.url);
      secretsChanged = true;
    } else config.url = input.url;
  }
  if (input.headers !== undefined) {
    const headers: Record<string, string> = Object.create(null) as Record<string, string>;
    const stored = secrets.headers ?? {};
    for (const [i, h] of input.headers.entries()) {
      // Only a value stored under that very name is kept (not one inherited, as "__proto__" would be).
      const kept = h.value ?? (Object.hasOwn(stored, h.name) ? stored[h.name] : undefined);
      if (kept === undefined) throw ValidationError.field(`headers.${i}.value`, `"${h.name}" is new: give its value`);
      headers[h.name] = kept;
    }
    secrets.headers = { ...headers };
    config.headerNames = input.headers.map((h) => h.name);
    secretsChanged = true;
  }
  if (input.recipients !== undefined) config.recipients = input.recipients;

  const reenabled = input.enabled === true && !row.enabled;
  const [updated] = await db
    .update(connections)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.eventKeys !== undefined ? { eventKeys: input.eventKeys } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(reenabled ? { disabledReason: null, disabledAt: null, failingSince: null } : {}),
      ...(input.enabled === false && row.enabled ? { disabledAt: sql`now()`, disabledReason: null } : {}),
      config,
      ...(secretsChanged ? { secretsEncrypted: sealSecrets(secrets) } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(connections.id, row.id))
    .returning();
  if (!updated) throw new Error('update of connections returned no row');
  return toConnectionView(updated);
}
