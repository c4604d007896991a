import { connections } from '@/lib/db/schema';

import { openJson, sealJson } from '../secret-box';
import type { SigningSecrets } from '../signing';

// How a connection is kept: what may be shown (config, in clear) apart from what may not
// (secrets, sealed with the secrets key). Only the sending side ever opens the secrets.

export type ConnectionKind = (typeof connections.$inferSelect)['kind'];

export type ConnectionConfig = {
  /** Webhook target URL (shown and editable). */
  url?: string;
  /** Names of the extra headers; their values are secrets. */
  headerNames?: string[];
  /** Email recipients. */
  recipients?: string[];
  /** The Slack webhook URL's last characters, so admins can tell two apart. */
  slackUrlHint?: string;
  /** While a rotated-out signing secret is still signed with (ISO time). */
  previousSecretExpiresAt?: string;
};

export type ConnectionSecrets = {
  signing?: SigningSecrets;
  slackUrl?: string;
  headers?: Record<string, string>;
};

export type StoredConnection = typeof connections.$inferSelect;

export function sealSecrets(secrets: ConnectionSecrets): string {
  return sealJson(secrets);
}

// Opened secrets by their sealed text: a busy worker sends many deliveries per connection, and
// the sealed text changes whenever the secrets do. Bounded, so deleted connections do not pile up.
const opened = new Map<string, ConnectionSecrets>();
const OPENED_MAX = 1000;

export function openSecrets(row: Pick<StoredConnection, 'secretsEncrypted'>): ConnectionSecrets {
  if (!row.secretsEncrypted) return {};
  const cached = opened.get(row.secretsEncrypted);
  if (cached) return structuredClone(cached);
  const secrets = openJson<ConnectionSecrets>(row.secretsEncrypted);
  if (opened.size >= OPENED_MAX) opened.clear();
  opened.set(row.secretsEncrypted, secrets);
  return structuredClone(secrets);
}

export function slackUrlHint(url: string): string {
  const u = new URL(url);
  return `${u.host}/…${u.pathname.slice(-4)}`;
}
