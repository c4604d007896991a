import { and, eq, gte, inArray, sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { connections, deliveries } from '@/lib/db/schema';
import { ConflictError } from '@/lib/errors';

import { notifyOutbox } from '../outbox-channel';
import { getDelivery } from './queries';

// Sending again keeps the delivery's webhook-id, so a receiver that already has it can tell.
// The attempt count carries on: a delivery past its retry schedule gets this one attempt.

export async function redeliverOne(db: Queryable, environmentId: number, id: string): Promise<void> {
  const delivery = await getDelivery(db, environmentId, id);
  const [connection] = await db
    .select({ enabled: connections.enabled })
    .from(connections)
    .where(eq(connections.id, delivery.connectionId));
  if (!connection?.enabled)
    throw new ConflictError(`The connection "${delivery.connectionName}" is turned off: turn it on to send again.`);
  await db
    .update(deliveries)
    .set({ status: 'pending', nextAttemptAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(deliveries.id, delivery.id));
  await notifyOutbox(db);
}

/** Every failed delivery created since a time (of one connection, or all), of connections that are on. */
export async function redeliverFailedSince(
  db: Queryable,
  environmentId: number,
  params: { since: Date; connectionId?: string },
): Promise<number> {
  const enabled = db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.environmentId, environmentId), eq(connections.enabled, true)));
  const updated = await db
    .update(deliveries)
    .set({ status: 'pending', nextAttemptAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(deliveries.environmentId, environmentId),
        eq(deliveries.status, 'failed'),
        gte(deliveries.createdAt, params.since),
        params.connectionId ? eq(deliveries.connectionId, params.connectionId) : undefined,
        inArray(deliveries.connectionId, enabled),
      ),
    )
    .returning({ id: deliveries.id });
  if (updated.length > 0) await notifyOutbox(db);
  return updated.length;
}
