import { and, asc, eq, inArray, sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { cohortNotifications, cohorts, connections } from '@/lib/db/schema';
import { isUuid } from '@/lib/db/uuid';
import { NotFoundError, ValidationError } from '@/lib/errors';

import type { CohortFilter } from './filter-schema';
import type { CreateCohortInput, UpdateCohortInput } from './schemas';

// Saved cohorts of one environment: create, edit, delete, list, and the connections attached to
// each for its batched notifications.

export type CohortView = {
  id: string;
  name: string;
  entity: 'users' | 'accounts';
  filter: CohortFilter;
  scheduleMinutes: number;
  notifyOn: 'added' | 'removed' | 'both';
  notifyTraits: string[];
  notifyFirstRun: boolean;
  memberCount: number;
  lastEvaluatedAt: Date | null;
  nextEvaluationAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  notifications: { connectionId: string; name: string; kind: 'webhook' | 'slack' | 'email'; enabled: boolean }[];
};

async function notificationsOf(db: Queryable, cohortIds: string[]) {
  if (cohortIds.length === 0) return new Map<string, CohortView['notifications']>();
  const rows = await db
    .select({
      cohortId: cohortNotifications.cohortId,
      connectionId: connections.id,
      name: connections.name,
      kind: connections.kind,
      enabled: connections.enabled,
    })
    .from(cohortNotifications)
    .innerJoin(connections, eq(connections.id, cohortNotifications.connectionId))
    .where(inArray(cohortNotifications.cohortId, cohortIds))
    .orderBy(asc(connections.name));
  const byCohort = new Map<string, CohortView['notifications']>();
  for (const { cohortId, ...rest } of rows) byCohort.set(cohortId, [...(byCohort.get(cohortId) ?? []), rest]);
  return byCohort;
}

function toView(row: typeof cohorts.$inferSelect, notifications: CohortView['notifications']): CohortView {
  return {
    id: row.id,
    name: row.name,
    entity: row.entity,
    filter: row.filter as CohortFilter,
    scheduleMinutes: row.scheduleMinutes,
    notifyOn: row.notifyOn as CohortView['notifyOn'],
    notifyTraits: row.notifyTraits,
    notifyFirstRun: row.notifyFirstRun,
    memberCount: row.memberCount,
    lastEvaluatedAt: row.lastEvaluatedAt,
    nextEvaluationAt: row.nextEvaluationAt,
    lastError: row.lastError,
    createdAt: row.createdAt,
    notifications,
  };
}

export async function getStoredCohort(db: Queryable, environmentId: number, id: string): Promise<typeof cohorts.$inferSelect> {
  const [row] = isUuid(id)
    ? await db
        .select()
        .from(cohorts)
        .where(and(eq(cohorts.environmentId, environmentId), eq(cohorts.id, id)))
    : [];
  if (!row) throw new NotFoundError(`Cohort "${id}"`);
  return row;
}

export async function getCohort(db: Queryable, environmentId: number, id: string): Promise<CohortView> {
  const row = await getStoredCohort(db, environmentId, id);
  return toView(row, (await notificationsOf(db, [row.id])).get(row.id) ?? []);
}

export async function listCohorts(db: Queryable, environmentId: number): Promise<CohortView[]> {
  const rows = await db.select().from(cohorts).where(eq(cohorts.environmentId, environmentId)).orderBy(asc(cohorts.name));
  const notifications = await notificationsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toView(r, notifications.get(r.id) ?? []));
}

/** Saved cohorts are evaluated soon after (the first run records members without notifying, unless asked). */
export async function createCohort(db: Queryable, environmentId: number, input: CreateCohortInput): Promise<CohortView> {
  const [row] = await db
    .insert(cohorts)
    .values({
      environmentId,
      name: input.name,
      entity: input.filter.entity,
      filter: input.filter,
      filterVersion: input.filter.version,
      scheduleMinutes: input.scheduleMinutes,
      notifyOn: input.notifyOn,
      notifyTraits: input.notifyTraits,
      notifyFirstRun: input.notifyFirstRun,
      nextEvaluationAt: sql`now()`,
    })
    .returning();
  if (!row) throw new Error('insert into cohorts returned no row');
  return toView(row, []);
}

/** A changed filter is re-evaluated soon; its entity cannot change (members would mean something else). */
export async function updateCohort(
  db: Queryable,
  environmentId: number,
  id: string,
  input: UpdateCohortInput,
): Promise<CohortView> {
  const row = await getStoredCohort(db, environmentId, id);
  if (input.filter && input.filter.entity !== row.entity) {
    throw ValidationError.field('filter.entity', `this cohort is of ${row.entity}; make a new cohort for ${input.filter.entity}`);
  }
  await db
    .update(cohorts)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.filter ? { filter: input.filter, filterVersion: input.filter.version, nextEvaluationAt: sql`now()` } : {}),
      ...(input.scheduleMinutes !== undefined ? { scheduleMinutes: input.scheduleMinutes } : {}),
      ...(input.notifyOn !== undefined ? { notifyOn: input.notifyOn } : {}),
      ...(input.notifyTraits !== undefined ? { notifyTraits: input.notifyTraits } : {}),
      ...(input.notifyFirstRun !== undefined ? { notifyFirstRun: input.notifyFirstRun } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(cohorts.id, row.id));
  return getCohort(db, environmentId, id);
}

export async function deleteCohort(db: Queryable, environmentId: number, id: string): Promise<void> {
  const row = await getStoredCohort(db, environmentId, id);
  await db.delete(cohorts).where(eq(cohorts.id, row.id));
}

/** Attaches a connection of the same environment (idempotent). */
export async function attachConnection(
  db: Queryable,
  environmentId: number,
  cohortId: string,
  connectionId: string,
): Promise<CohortView> {
  const cohort = await getStoredCohort(db, environmentId, cohortId);
  const [connection] = await db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.environmentId, environmentId), eq(connections.id, connectionId)));
  if (!connection) throw ValidationError.field('connectionId', 'is not a connection of this environment');
  await db.insert(cohortNotifications).values({ cohortId: cohort.id, connectionId }).onConflictDoNothing();
  return getCohort(db, environmentId, cohortId);
}

export async function detachConnection(
  db: Queryable,
  environmentId: number,
  cohortId: string,
  connectionId: string,
): Promise<CohortView> {
  const cohort = await getStoredCohort(db, environmentId, cohortId);
  await db
    .delete(cohortNotifications)
    .where(and(eq(cohortNotifications.cohortId, cohort.id), eq(cohortNotifications.connectionId, connectionId)));
  return getCohort(db, environmentId, cohortId);
}
