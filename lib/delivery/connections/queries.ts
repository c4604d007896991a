import { and, asc, eq, isNotNull } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { connections, environments } from '@/lib/db/schema';
import { isUuid } from '@/lib/db/uuid';
import { NotFoundError } from '@/lib/errors';

import type { StoredConnection } from './stored';
import { type ConnectionView, toConnectionView } from './view';

/** The stored row of one environment's connection; 404 for another environment's or a malformed id. */
export async function getStoredConnection(db: Queryable, environmentId: number, id: string): Promise<StoredConnection> {
  if (!isUuid(id)) throw new NotFoundError(`Connection "${id}"`);
  const [row] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.environmentId, environmentId), eq(connections.id, id)));
  if (!row) throw new NotFoundError(`Connection "${id}"`);
  return row;
}

export async function getConnection(db: Queryable, environmentId: number, id: string): Promise<ConnectionView> {
  return toConnectionView(await getStoredConnection(db, environmentId, id));
}

export async function listConnections(db: Queryable, environmentId: number): Promise<ConnectionView[]> {
  const rows = await db
    .select()
    .from(connections)
    .where(eq(connections.environmentId, environmentId))
    .orderBy(asc(connections.name), asc(connections.createdAt));
  return rows.map((row) => toConnectionView(row));
}

/** Connections the product turned off (not those an admin turned off), in every environment, for the banner. */
export async function listTurnedOffConnections(
  db: Queryable,
): Promise<{ id: string; name: string; environmentSlug: string; reason: string }[]> {
  const rows = await db
    .select({
      id: connections.id,
      name: connections.name,
      environmentSlug: environments.slug,
      reason: connections.disabledReason,
    })
    .from(connections)
    .innerJoin(environments, eq(environments.id, connections.environmentId))
    .where(and(eq(connections.enabled, false), isNotNull(connections.disabledReason)))
    .orderBy(asc(connections.name))
    .limit(20);
  return rows.map((r) => ({ ...r, reason: r.reason ?? '' }));
}
