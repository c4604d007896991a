import { is, SQL, sql } from 'drizzle-orm';

import { isUuid } from '@/lib/db/uuid';

// The body every connection kind is built from: what the outbox stored for the event (see
// ./outbox.ts) — the same JSON a webhook receives. Anyone holding a write key can
// send any event name with any properties, so everything in `data` (and the ids around it) is
// untrusted: the readers below accept only the shapes they expect.

export type DeliveryPayload = PayloadShape<{
  eventKey: string;
  timestamp: string;
  environment: string;
  tenantId: string | null;
  userId: string | null;
  data: Record<string, unknown>;
}> & {
  /** The event's own message id, in payloads of the events that came in (not in test-sends). */
  messageId?: string;
};

// Cohort events' data (lib/cohorts/evaluate-cohort.ts): cohortId, cohortName, runId, added and
// removed ([{ id, traits }]), addedCount, removedCount and moreUrl (the changes API).
export type CohortMember = { id: string; traits?: Record<string, unknown> };

export function isSignalEvent(key: string): boolean {
  return key.startsWith('signal.');
}

export function isCohortEvent(key: string): boolean {
  return key.startsWith('cohort.');
}

/** A value as text: strings as they are, anything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The members listed under `added` or `removed`, whatever the payload holds there. */
export function cohortMembers(value: unknown): CohortMember[] {
  if (!Array.isArray(value)) return [];
  return value.map((m: unknown) => {
    if (!isRecord(m)) return { id: show(m) };
    return { id: show(m.id), ...(isRecord(m.traits) ? { traits: m.traits } : {}) };
  });
}

/** How many were added or removed: the count when it is a number, else how many are listed. */
export function cohortCount(count: unknown, listed: CohortMember[]): number {
  return typeof count === 'number' && Number.isFinite(count) ? count : listed.length;
}

export function cohortLabel(data: Record<string, unknown>): string {
  return show(data.cohortName ?? data.cohortId ?? '');
}

const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;

/**
 * The link to a cohort's changes API, rebuilt on this app's origin, or null. A link shown to
 * people is never taken from the payload: only a `moreUrl` that is exactly what evaluateCohort
 * writes (this origin, the cohort's own path, a cursor) is kept.
 */
export function cohortChangesUrl(data: Record<string, unknown>, appOrigin: string): string | null {
  const { cohortId, moreUrl } = data;
  if (typeof cohortId !== 'string' || !isUuid(cohortId) || typeof moreUrl !== 'string') return null;
  const path = `${appOrigin}/api/v1/cohorts/${cohortId}/changes`;
  if (!moreUrl.startsWith(`${path}?since=`)) return null;
  const since = moreUrl.slice(path.length + '?since='.length);
  return CURSOR.test(since) ? `${path}?since=${since}` : null;
}

/** One line a person can read: "signal.riskForAbandonment for account acme". */
export function summaryLine(payload: DeliveryPayload): string {
  const who = [
    payload.eventContext.tenantId ? `account ${show(payload.eventContext.tenantId)}` : null,
    payload.eventContext.userId ? `user ${show(payload.eventContext.userId)}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const data = payload.data;
  if (isCohortEvent(payload.eventKey)) {
    const added = cohortCount(data.addedCount, cohortMembers(data.added));
    const removed = cohortCount(data.removedCount, cohortMembers(data.removed));
    return `${payload.eventKey}: cohort ${cohortLabel(data)} — ${added} added, ${removed} removed`;
  }
  const reason = typeof data.reason === 'string' ? ` — ${data.reason}` : '';
  return `${payload.eventKey}${who ? ` for ${who}` : ''} in ${payload.environment}${reason}`;
}

type PayloadParts = {
  eventKey: unknown;
  timestamp: unknown;
  environment: unknown;
  tenantId: unknown;
  userId: unknown;
  data: unknown;
};
type PayloadShape<P extends PayloadParts> = {
  type: P['eventKey'];
  timestamp: P['timestamp'];
  environment: P['environment'];
  eventKey: P['eventKey'];
  eventContext: { tenantId: P['tenantId']; userId: P['userId'] };
  data: P['data'];
};

/**
 * The payload's shape, written once: from values (payloadFor) or from SQL expressions (payloadSql,
 * for the outbox rows queued with the events that match a connection's subscription).
 */
const shapePayload = <P extends PayloadParts>(p: P): PayloadShape<P> => ({
  type: p.eventKey,
  timestamp: p.timestamp,
  environment: p.environment,
  eventKey: p.eventKey,
  eventContext: { tenantId: p.tenantId, userId: p.userId },
  data: p.data,
});

type SqlShape = SQL | { [key: string]: SqlShape };
const jsonbOf = (shape: SqlShape): SQL =>
  is(shape, SQL)
    ? shape
    : sql`jsonb_build_object(${sql.join(
        Object.entries(shape).map(([key, value]) => sql`${sql.raw(`'${key}'`)}, ${jsonbOf(value)}`),
        sql`, `,
      )})`;

/** The payload of an event that came in, as a jsonb expression from SQL expressions for its parts. */
export const payloadSql = (parts: {
  eventKey: SQL;
  timestamp: SQL;
  environment: SQL;
  tenantId: SQL;
  userId: SQL;
  messageId: SQL;
  data: SQL;
}): SQL => jsonbOf({ ...shapePayload(parts), messageId: parts.messageId });

/** The payload for an event that did not come through the outbox (test-sends, examples). */
export function payloadFor(
  event: { eventKey: string; accountId: string | null; userId: string | null; properties: Record<string, unknown> },
  environmentSlug: string,
  at = new Date(),
): DeliveryPayload {
  return shapePayload({
    eventKey: event.eventKey,
    timestamp: at.toISOString(),
    environment: environmentSlug,
    tenantId: event.accountId,
    userId: event.userId,
    data: event.properties,
  });
}
