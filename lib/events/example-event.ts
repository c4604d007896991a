import { and, desc, eq } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { events } from '@/lib/db/schema';

// A realistic example of an event, for test-sends: the latest real one of that name in the
// environment when there is one, else an example made for the key (the Frontegg catalog's user
// and tenant objects, a signal's numbers, a cohort's change).

export type ExampleEvent = {
  eventKey: string;
  accountId: string | null;
  userId: string | null;
  properties: Record<string, unknown>;
};

const exampleUser = {
  id: '5f2b8a1e-7c3d-4e9a-b6f1-2d8c9e0a1b34',
  email: 'ada@acme.example',
  name: 'Ada Lovelace',
  tenantId: 'acme',
  createdAt: '2026-03-14T09:26:53.000Z',
};
const exampleTenant = { tenantId: 'acme', name: 'Acme Inc.', createdAt: '2025-11-02T12:00:00.000Z' };

function madeUp(eventKey: string): ExampleEvent {
  if (eventKey === 'signal.riskForAbandonment') {
    return {
      eventKey,
      accountId: 'acme',
      userId: null,
      properties: {
        signal: 'logins_drop_7d',
        occurrenceId: '0c6f3b7e-2a51-4d8e-9f1a-7b3c2d1e0f98',
        windowDays: 7,
        current: 40,
        previous: 120,
        changePct: -66.7,
        reason: 'logins 120 → 40 (−67%) in the last 7 days',
      },
    };
  }
  if (eventKey === 'signal.engagementLevel') {
    return {
      eventKey,
      accountId: 'acme',
      userId: null,
      properties: {
        signal: 'invites_rise_30d',
        occurrenceId: '3d9a1c5e-8b72-4f06-a4e3-1c2b3d4e5f60',
        windowDays: 30,
        current: 18,
        previous: 6,
        changePct: 200,
        reason: 'invited users 6 → 18 (+200%) in the last 30 days',
      },
    };
  }
  if (eventKey.startsWith('cohort.')) {
    const added = eventKey !== 'cohort.membersRemoved';
    const removed = eventKey !== 'cohort.membersAdded';
    const members = [
      { id: 'u_1042', traits: { email: 'grace@globex.example', plan: 'pro' } },
      { id: 'u_2077', traits: { email: 'alan@initech.example', plan: 'free' } },
    ];
    return {
      eventKey,
      accountId: null,
      userId: null,
      properties: {
        cohortId: '7e1d2c3b-4a59-4687-9b0c-1d2e3f4a5b6c',
        cohortName: 'First API call failed today',
        runId: '9b8a7c6d-5e4f-4321-8765-0fedcba98765',
        addedCount: added ? 2 : 0,
        removedCount: removed ? 2 : 0,
        added: added ? members : [],
        removed: removed ? members : [],
      },
    };
  }
  if (eventKey.startsWith('frontegg.tenant.'))
    return { eventKey, accountId: 'acme', userId: null, properties: { tenant: exampleTenant } };
  if (eventKey.startsWith('frontegg.')) {
    return { eventKey, accountId: 'acme', userId: exampleUser.id, properties: { user: exampleUser, tenant: exampleTenant } };
  }
  return { eventKey, accountId: 'acme', userId: exampleUser.id, properties: { example: true } };
}

export async function exampleEvent(db: Queryable, environmentId: number, eventKey: string): Promise<ExampleEvent> {
  const [latest] = await db
    .select({ accountId: events.accountId, userId: events.userId, properties: events.properties })
    .from(events)
    .where(and(eq(events.environmentId, environmentId), eq(events.name, eventKey)))
    .orderBy(desc(events.timestamp))
    .limit(1);
  if (!latest) return madeUp(eventKey);
  return {
    eventKey,
    accountId: latest.accountId || null,
    userId: latest.userId,
    properties: (latest.properties ?? {}) as Record<string, unknown>,
  };
}
