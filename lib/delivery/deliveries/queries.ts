import { and, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';

import type { Queryable } from '@/lib/db/client';
import { connections, deliveries } from '@/lib/db/schema';
import { isUuid, uuidField } from '@/lib/db/uuid';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { numberParam } from '@/lib/http/parse-search-params';

// The delivery log: newest first, filtered by connection, status, trigger and time, paged by a
// cursor (created_at, id) so that new deliveries arriving meanwhile never shift a page.

export const deliveryLogParams = z.object({
  connection: uuidField('expected a connection id').optional(),
  status: z.enum(['pending', 'succeeded', 'failed'], { error: 'expected pending, succeeded or failed' }).optional(),
  trigger: z.string().trim().min(1).max(200, 'must be at most 200 characters').optional(),
  since: z.iso.datetime({ offset: true, error: 'expected an ISO date-time such as 2026-11-24T00:00:00Z' }).optional(),
  until: z.iso.datetime({ offset: true, error: 'expected an ISO date-time such as 2026-11-24T00:00:00Z' }).optional(),
  cursor: z.string().max(200).optional(),
  limit: numberParam({ min: 1, max: 200 }).default(50),
});
export type DeliveryLogParams = z.infer<typeof deliveryLogParams>;

export type DeliveryView = {
  id: string;
  connectionId: string;
  connectionName: string;
  connectionKind: 'webhook' | 'slack' | 'email';
  messageId: string;
  eventKey: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastResponseCode: number | null;
  lastLatencyMs: number | null;
  lastResponseExcerpt: string | null;
  lastError: string | null;
  isTest: boolean;
  createdAt: Date;
};

const columns = {
  id: deliveries.id,
  connectionId: deliveries.connectionId,
  connectionName: connections.name,
  connectionKind: connections.kind,
  messageId: deliveries.messageId,
  eventKey: deliveries.eventKey,
  status: deliveries.status,
  attempts: deliveries.attempts,
  nextAttemptAt: deliveries.nextAttemptAt,
  lastAttemptAt: deliveries.lastAttemptAt,
  lastResponseCode: deliveries.lastResponseCode,
  lastLatencyMs: deliveries.lastLatencyMs,
  lastResponseExcerpt: deliveries.lastResponseExcerpt,
  lastError: deliveries.lastError,
  isTest: deliveries.isTest,
  createdAt: deliveries.createdAt,
};

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime())) throw ValidationError.field('cursor', 'is not a cursor this API returned');
  return { at: date, id };
}

export async function listDeliveries(
  db: Queryable,
  environmentId: number,
  params: DeliveryLogParams,
): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }> {
  const after = params.cursor ? decodeCursor(params.cursor) : null;
  const rows = await db
    .select(columns)
    .from(deliveries)
    .innerJoin(connections, eq(connections.id, deliveries.connectionId))
    .where(
      and(
        eq(deliveries.environmentId, environmentId),
        params.connection ? eq(deliveries.connectionId, params.connection) : undefined,
        params.status ? eq(deliveries.status, params.status) : undefined,
        params.trigger ? eq(deliveries.eventKey, params.trigger) : undefined,
        params.since ? gte(deliveries.createdAt, new Date(params.since)) : undefined,
        params.until ? lt(deliveries.createdAt, new Date(params.until)) : undefined,
        after
          ? or(lt(deliveries.createdAt, after.at), and(eq(deliveries.createdAt, after.at), lt(deliveries.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(params.limit + 1);
  const page = rows.slice(0, params.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > params.limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url') : null;
  return { deliveries: page, nextCursor };
}

export async function getDelivery(
  db: Queryable,
  environmentId: number,
  id: string,
): Promise<DeliveryView & { payload: unknown }> {
  const [row] = isUuid(id)
    ? await db
        .select({ ...columns, payload: deliveries.payload })
        .from(deliveries)
        .innerJoin(connections, eq(connections.id, deliveries.connectionId))
        .where(and(eq(deliveries.environmentId, environmentId), eq(deliveries.id, id)))
    : [];
  if (!row) throw new NotFoundError(`Delivery "${id}"`);
  return row;
}

/** Counts per status over the last 24 hours, per connection, for the connections list. */
export async function deliveryStats(
  db: Queryable,
  environmentId: number,
): Promise<Map<string, { succeeded: number; failed: number; pending: number; lastAt: Date | null }>> {
  const rows = await db
    .select({
      connectionId: deliveries.connectionId,
      succeeded: sql<number>`count(*) filter (where ${deliveries.status} = 'succeeded')::int`,
      failed: sql<number>`count(*) filter (where ${deliveries.status} = 'failed')::int`,
      pending: sql<number>`count(*) filter (where ${deliveries.status} = 'pending')::int`,
      lastAt: sql<string | null>`max(${deliveries.createdAt})`,
    })
    .from(deliveries)
    .where(and(eq(deliveries.environmentId, environmentId), gte(deliveries.createdAt, sql`now() - interval '24 hours'`)))
    .groupBy(deliveries.connectionId);
  return new Map(
    rows.map((r) => [
      r.connectionId,
      { succeeded: r.succeeded, failed: r.failed, pending: r.pending, lastAt: r.lastAt ? new Date(r.lastAt) : null },
    ]),
  );
}
