// The body every connection kind is built from: what the outbox stored for the event (see
// lib/ingest/write-events.ts) — the same JSON a webhook receives.

export type DeliveryPayload = {
  type: string;
  timestamp: string;
  environment: string;
  eventKey: string;
  eventContext: { tenantId: string | null; userId: string | null };
  messageId?: string;
  data: Record<string, unknown>;
};

export type CohortMember = { id: string; traits?: Record<string, unknown> };

/** Fields of the cohort events' data (cohort.membersAdded / cohort.membersRemoved). */
export type CohortChange = {
  cohortId?: string;
  cohortName?: string;
  runId?: string;
  added?: CohortMember[];
  removed?: CohortMember[];
  addedCount?: number;
  removedCount?: number;
  moreUrl?: string;
};

export function isSignalEvent(key: string): boolean {
  return key.startsWith('signal.');
}

export function isCohortEvent(key: string): boolean {
  return key.startsWith('cohort.');
}

/** One line a person can read: "signal.riskForAbandonment for account acme". */
export function summaryLine(payload: DeliveryPayload): string {
  const who = [
    payload.eventContext.tenantId ? `account ${payload.eventContext.tenantId}` : null,
    payload.eventContext.userId ? `user ${payload.eventContext.userId}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  if (isCohortEvent(payload.eventKey)) {
    const c = payload.data as CohortChange;
    return `${payload.eventKey}: cohort ${c.cohortName ?? c.cohortId ?? ''} — ${c.addedCount ?? c.added?.length ?? 0} added, ${c.removedCount ?? c.removed?.length ?? 0} removed`;
  }
  const reason = typeof payload.data.reason === 'string' ? ` — ${payload.data.reason}` : '';
  return `${payload.eventKey}${who ? ` for ${who}` : ''} in ${payload.environment}${reason}`;
}

/** The payload for an event that did not come through the outbox (test-sends, examples). */
export function payloadFor(
  event: { eventKey: string; accountId: string | null; userId: string | null; properties: Record<string, unknown> },
  environmentSlug: string,
  at = new Date(),
): DeliveryPayload {
  return {
    type: event.eventKey,
    timestamp: at.toISOString(),
    environment: environmentSlug,
    eventKey: event.eventKey,
    eventContext: { tenantId: event.accountId, userId: event.userId },
    data: event.properties,
  };
}
