import type { Queryable } from '@/lib/db/client';
import { connections } from '@/lib/db/schema';

import { generateSigningSecret } from '../signing';
import type { CreateConnectionInput } from './schemas';
import { type ConnectionConfig, type ConnectionSecrets, sealSecrets, slackUrlHint } from './stored';
import { type ConnectionView, toConnectionView } from './view';

/** Creates a connection. A webhook's signing secret is returned this once and never again. */
export async function createConnection(
  db: Queryable,
  environmentId: number,
  input: CreateConnectionInput,
): Promise<{ connection: ConnectionView; secret?: string }> {
  const config: ConnectionConfig = {};
  const secrets: ConnectionSecrets = {};
  let secret: string | undefined;
  if (input.kind === 'webhook') {
    secret = input.secret ?? generateSigningSecret();
    config.url = input.url;
    config.headerNames = input.headers.map((h) => h.name);
    secrets.signing = { current: secret };
    secrets.headers = Object.fromEntries(input.headers.map((h) => [h.name, h.value]));
  } else if (input.kind === 'slack') {
    config.slackUrlHint = slackUrlHint(input.url);
    secrets.slackUrl = input.url;
  } else {
    config.recipients = input.recipients;
  }
  const [row] = await db
    .insert(connections)
    .values({
      environmentId,
      kind: input.kind,
      name: input.name,
      config,
      secretsEncrypted: sealSecrets(secrets),
      eventKeys: input.eventKeys,
      enabled: input.enabled,
    })
    .returning();
  if (!row) throw new Error('insert into connections returned no row');
  return { connection: toConnectionView(row), ...(secret ? { secret } : {}) };
}
