import { sql } from 'drizzle-orm';

import { resolveAccounts } from '@/lib/accounts/resolve-accounts';
import type { SeenCache } from '@/lib/accounts/seen-cache';
import { SeenInWrite, upsertAccounts } from '@/lib/accounts/upsert-accounts';
import { dayIn } from '@/lib/calendar/day-bucket';
import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import { composeWrite, type EventWriteContext } from '@/lib/db/write-fragments';
import { queueForSubscribers } from '@/lib/delivery/outbox';
import { countInCatalog, storeEvents } from '@/lib/events/store-events';
import { countEvents, countEventsValues } from '@/lib/metrics/count-events';

import type { IngestEvent } from './ingest-event';

export type TargetEnvironment = { id: number; timeZone: string };

/** The environment was deleted before the write could lock it: the write statement wrote nothing. */
export class EnvironmentGoneError extends Error {
  constructor(readonly environmentId: number) {
    super(`Environment ${environmentId} no longer exists; nothing was written.`);
    this.name = 'EnvironmentGoneError';
  }
}

const context: EventWriteContext = {
  env: sql`${sql.placeholder('env')}`,
  timeZone: sql`${sql.placeholder('timeZone')}::text`,
  environment: sql`environment`,
  fresh: sql`fresh`,
};

/**
 * The write, composed once from each domain's part, with placeholders for what varies: building
 * and rendering it per write would cost more Node time than the write's own rows, and it runs as a
 * prepared statement (parsing and planning it is a large share of a small write). In order: the
 * events and their message-id claims (lib/events), their counts in the rollups and the dashboard's
 * summaries (lib/metrics), the event catalog (lib/events), users, accounts and memberships
 * (lib/accounts), and the outbox (lib/delivery).
 */
const WRITE_EVENTS = composeWrite(
  [storeEvents(context), countEvents(context), countInCatalog(context), upsertAccounts(context), queueForSubscribers(context)],
  sql`select (select count(*)::int from environment) as present, (select count(*)::int from fresh) as inserted`,
);

/**
 * Writes one environment's events in a single statement: the events (a message id already stored
 * in the environment is skipped, under whatever account it was stored), then — counting only the
 * events that were new — their rollups, late marks and dashboard summaries, the event catalog, the
 * users, accounts and memberships with their traits and first and last seen, and the outbox rows
 * of the connections subscribed to them.
 * Everything is batched; nothing is one statement per event. The write is one statement, atomic
 * on its own (a read of memberships may precede it); inside a transaction it is part of that one.
 * With `seen` (only where the statement commits on its own), rows this process wrote moments ago
 * are not sent again (see SeenCache). `beforeAccountLookup` runs before stored group calls are
 * read, if they are. Returns how many events were new; throws EnvironmentGoneError if the
 * environment was deleted first.
 */
export async function writeEvents(
  db: Queryable,
  environment: TargetEnvironment,
  events: IngestEvent[],
  options: { seen?: SeenCache; beforeAccountLookup?: () => Promise<void> } = {},
): Promise<number> {
  if (events.length === 0) return 0;
  const ordered = [...events].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  const groupOf = await resolveAccounts(db, environment.id, ordered, options.beforeAccountLookup);

  const rows: unknown[] = [];
  const written = new Set<string>();
  const seen = new SeenInWrite();
  for (const e of ordered) {
    const accountId = e.accountId ?? (e.userId ? groupOf.get(e.userId) : undefined) ?? '';
    // A message repeated within one write is written (and counted) once, whatever its account.
    if (written.has(e.messageId)) continue;
    written.add(e.messageId);
    rows.push({
      a: accountId,
      m: e.messageId,
      n: e.name,
      u: e.userId,
      an: e.anonymousId,
      t: e.timestamp.toISOString(),
      d: dayIn(environment.timeZone, e.timestamp),
      p: e.properties,
    });
    seen.add(e, accountId);
  }
  if (options.seen) seen.skipCached(options.seen, environment);

  const [result] = await queryRows<{ present: number; inserted: number }>(db, WRITE_EVENTS, {
    prepared: 'write_events',
    values: {
      env: environment.id,
      timeZone: environment.timeZone,
      rows: JSON.stringify(rows),
      ...countEventsValues(environment.timeZone, new Date()),
      ...seen.values(),
    },
  });
  if (!result?.present) throw new EnvironmentGoneError(environment.id);
  if (options.seen) seen.remember(options.seen, environment);
  return result.inserted;
}
