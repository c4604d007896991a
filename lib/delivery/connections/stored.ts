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

export function openSecrets(row: Pick<StoredConnection, 'secretsEncrypted'>): ConnectionSecrets {
  return row.secretsEncrypted ? openJson<ConnectionSecrets>(row.secretsEncrypted) : {};
}

export function slackUrlHint(url: string): string {
  const u = new URL(url);
  return `${u.host}/…${u.pathname.slice(-4)}`;
}
