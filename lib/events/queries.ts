import { and, asc, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';

import type { Queryable } from '@/lib/db/client';
import { events, eventTypes } from '@/lib/db/schema';
import { numberParam } from '@/lib/http/parse-search-params';

import { fronteggCatalog } from './frontegg-catalog';

export const recentEventsParams = z.object({
  name: z.string().trim().max(200).optional(),
  account: z.string().trim().max(200).optional(),
  user: z.string().trim().max(200).optional(),
  limit: numberParam({ min: 1, max: 200 }).default(50),
  // Cursor: the receivedAt|messageId of the last row of the previous page.
  before: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT[^|]+\|.+$/, 'expected the nextCursor of a previous page')
    .optional(),
});
export type RecentEventsParams = z.infer<typeof recentEventsParams>;

export type RecentEvent = {
  messageId: string;
  name: string;
  accountId: string;
  userId: string | null;
  anonymousId: string | null;
  timestamp: Date;
  receivedAt: Date;
  properties: Record<string, unknown>;
};

/** The live tail: newest first, filtered by exact event name, account and user. */
export async function listRecentEvents(
  db: Queryable,
  environmentId: number,
  params: RecentEventsParams,
): Promise<{ events: RecentEvent[]; nextCursor: string | null }> {
  const where: SQL[] = [eq(events.environmentId, environmentId)];
  if (params.name) where.push(eq(events.name, params.name));
  if (params.account) where.push(eq(events.accountId, params.account));
  if (params.user) where.push(eq(events.userId, params.user));
  if (params.before) {
    const [at = '', id = ''] = params.before.split('|');
    const cursorTime = new Date(at);
    const after = or(lt(events.receivedAt, cursorTime), and(eq(events.receivedAt, cursorTime), lt(events.messageId, id)));
    if (after) where.push(after);
  }
  const rows = await db
    .select({
      messageId: events.messageId,
      name: events.name,
      accountId: events.accountId,
      userId: events.userId,
      anonymousId: events.anonymousId,
      timestamp: events.timestamp,
      receivedAt: events.receivedAt,
      properties: events.properties,
    })
    .from(events)
    .where(and(...where))
    .orderBy(desc(events.receivedAt), desc(events.messageId))
    .limit(params.limit + 1);
  const page = rows.slice(0, params.limit);
  const last = page.at(-1);
  return {
    events: page,
    nextCursor: rows.length > params.limit && last ? `${last.receivedAt.toISOString()}|${last.messageId}` : null,
  };
}

export type CatalogRow = {
  key: string;
  title: string | null;
  group: string;
  description: string | null;
  builtIn: boolean;
  total: number;
  lastSeenAt: Date | null;
};

/** The built-in Frontegg catalog with what this environment has seen of it, then every other event seen. */
export async function eventCatalog(db: Queryable, environmentId: number): Promise<CatalogRow[]> {
  const seen = await db
    .select({ name: eventTypes.name, total: eventTypes.total, lastSeenAt: eventTypes.lastSeenAt })
    .from(eventTypes)
    .where(eq(eventTypes.environmentId, environmentId))
    .orderBy(asc(eventTypes.name));
  const byName = new Map(seen.map((s) => [s.name, s]));
  const builtIn: CatalogRow[] = fronteggCatalog.map((entry) => ({
    ...entry,
    builtIn: true,
    total: byName.get(entry.key)?.total ?? 0,
    lastSeenAt: byName.get(entry.key)?.lastSeenAt ?? null,
  }));
  const known = new Set(fronteggCatalog.map((e) => e.key));
  const others: CatalogRow[] = seen
    .filter((s) => !known.has(s.name))
    .map((s) => ({
      key: s.name,
      title: null,
      group: 'Seen in this environment',
      description: null,
      builtIn: false,
      total: s.total,
      lastSeenAt: s.lastSeenAt,
    }));
  return [...builtIn, ...others];
}
