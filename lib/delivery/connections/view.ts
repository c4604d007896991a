import type { ConnectionConfig, ConnectionKind, StoredConnection } from './stored';

/** A connection as the API and the dashboard see it: never a secret. */
export type ConnectionView = {
  id: string;
  kind: ConnectionKind;
  name: string;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  failingSince: Date | null;
  eventKeys: string[];
  url: string | null;
  headerNames: string[];
  recipients: string[];
  slackUrlHint: string | null;
  /** While a rotated-out secret is still signed with. */
  previousSecretExpiresAt: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toConnectionView(row: StoredConnection, now = new Date()): ConnectionView {
  const config = row.config as ConnectionConfig;
  const previous = config.previousSecretExpiresAt;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt,
    failingSince: row.failingSince,
    eventKeys: row.eventKeys,
    url: config.url ?? null,
    headerNames: config.headerNames ?? [],
    recipients: config.recipients ?? [],
    slackUrlHint: config.slackUrlHint ?? null,
    previousSecretExpiresAt: previous && new Date(previous) > now ? previous : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
