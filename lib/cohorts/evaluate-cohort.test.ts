import { randomUUID } from 'node:crypto';

import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';

import { cohortRuns, deliveries, events } from '@/lib/db/schema';
import { createConnection } from '@/lib/delivery/connections/create-connection';
import type { DeliveryPayload } from '@/lib/delivery/payload';
import { createEnvironment } from '@/lib/environments/create-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { type TargetEnvironment, writeEvents } from '@/lib/ingest/write-events';
import { describeEachDatabase } from '@/lib/testing/databases';

import { listCohortChanges } from './changes';
import { attachConnection, createCohort } from './cohort-store';
import { evaluateCohort } from './evaluate-cohort';
import { runDueCohorts } from './run-due-cohorts';
import { createCohortInput } from './schemas';

const ORIGIN = 'https://signals.example.com';
const day = (d: number, hour = 10) => new Date(Date.UTC(2026, 10, d, hour));
const ev = (userId: string, name: string, at: Date, properties: Record<string, unknown> = {}): IngestEvent => ({
  messageId: randomUUID(),
  name,
  accountId: 'acme',
  userId,
  anonymousId: null,
  timestamp: at,
  properties,
  userTraits: { email: `${userId}@acme.example`, plan: 'pro' },
});

describeEachDatabase('evaluating cohorts', (database) => {
  let env: TargetEnvironment;
  let connectionId: string;
  const db = () => database().db;
  const deliveriesOf = async () =>
    (await db().select().from(deliveries).where(eq(deliveries.connectionId, connectionId))).map(
      (d) => d.payload as DeliveryPayload,
    );

  beforeAll(async () => {
    await ensureBuiltInEnvironments(db());
    env = { id: (await createEnvironment(db(), { name: `Cohort runs ${randomUUID().slice(0, 6)}` })).id, timeZone: 'UTC' };
    const hook = await createConnection(db(), env.id, {
      kind: 'webhook',
      name: 'Cohort hook',
      url: 'https://hooks.example.com/cohorts',
      eventKeys: ['never.sent'],
      headers: [],
      enabled: true,
    });
    connectionId = hook.connection.id;
    // Old users, active until the 10th; "quiet" stops then.
    await writeEvents(db(), env, [
      ev('steady', 'api.call', day(1)),
      ev('quiet', 'api.call', day(1)),
      ev('quiet', 'api.call', day(10)),
    ]);
  });

  it('the seed’s example: a user whose first API call today failed with a 400 enters, and the notification holds exactly that', async () => {
    const cohort = await createCohort(
      db(),
      env.id,
      createCohortInput.parse({
        name: 'First API call failed today',
        notifyTraits: ['email'],
        filter: {
          version: 1,
          entity: 'users',
          root: {
            type: 'group',
            op: 'and',
            conditions: [
              { type: 'seen', which: 'first', op: 'today' },
              { type: 'performed', event: 'api.call', where: [{ key: 'response.status', op: 'eq', value: 400 }] },
            ],
          },
        },
      }),
    );
    await attachConnection(db(), env.id, cohort.id, connectionId);

    // First run: records who is in (no one yet) without notifying.
    const first = await evaluateCohort(db(), cohort.id, { now: day(20, 9), appOrigin: ORIGIN });
    expect(first).toMatchObject({ added: 0, removed: 0, memberCount: 0, notified: false });

    await writeEvents(db(), env, [
      ev('newbie', 'api.call', day(20, 8), { response: { status: 400 } }),
      ev('lucky', 'api.call', day(20, 8), { response: { status: 200 } }),
    ]);
    const second = await evaluateCohort(db(), cohort.id, { now: day(20, 9), appOrigin: ORIGIN });
    expect(second).toMatchObject({ added: 1, removed: 0, memberCount: 1, notified: true });
    const [payload] = await deliveriesOf();
    expect(payload).toMatchObject({
      type: 'cohort.membersChanged',
      data: {
        cohortId: cohort.id,
        cohortName: 'First API call failed today',
        runId: second.runId,
        addedCount: 1,
        removedCount: 0,
        added: [{ id: 'newbie', traits: { email: 'newbie@acme.example' } }],
        removed: [],
      },
    });
    // The same change went into the event stream for subscribed connections.
    const streamed = await db()
      .select()
      .from(events)
      .where(and(eq(events.environmentId, env.id), eq(events.name, 'cohort.membersAdded')));
    expect(streamed).toHaveLength(1);

    // Nothing changed: no notification, but the run is recorded.
    const third = await evaluateCohort(db(), cohort.id, { now: day(20, 10), appOrigin: ORIGIN });
    expect(third).toMatchObject({ added: 0, removed: 0, notified: false });
    expect(await deliveriesOf()).toHaveLength(1);
    expect(await db().select().from(cohortRuns).where(eq(cohortRuns.cohortId, cohort.id))).toHaveLength(3);

    // The next day "first seen today" no longer holds: newbie leaves, and is reported removed.
    const fourth = await evaluateCohort(db(), cohort.id, { now: day(21, 9), appOrigin: ORIGIN });
    expect(fourth).toMatchObject({ added: 0, removed: 1, memberCount: 0, notified: true });
    expect((await deliveriesOf()).at(-1)?.data).toMatchObject({ addedCount: 0, removedCount: 1, removed: [{ id: 'newbie' }] });

    // The changes API replays everything, in order, and pages by cursor.
    const page1 = await listCohortChanges(db(), cohort.id, { limit: 1 });
    expect(page1.changes).toEqual([{ change: 'added', memberId: 'newbie', at: day(20, 9) }]);
    const page2 = await listCohortChanges(db(), cohort.id, { since: page1.nextCursor ?? '', limit: 10 });
    expect(page2.changes).toEqual([{ change: 'removed', memberId: 'newbie', at: day(21, 9) }]);
    const page3 = await listCohortChanges(db(), cohort.id, { since: page2.nextCursor ?? '', limit: 10 });
    expect(page3).toEqual({ changes: [], nextCursor: page2.nextCursor });
  });

  it('"no traffic": a user silent for 7 days enters, and leaves on the next event', async () => {
    const cohort = await createCohort(
      db(),
      env.id,
      createCohortInput.parse({
        name: 'No traffic for a week',
        notifyOn: 'both',
        filter: {
          version: 1,
          entity: 'users',
          root: { type: 'group', op: 'and', conditions: [{ type: 'notPerformed', event: 'api.call', days: 7 }] },
        },
      }),
    );
    await evaluateCohort(db(), cohort.id, { now: day(12), appOrigin: ORIGIN }); // silent first run: steady is in (last call the 1st)
    const entered = await evaluateCohort(db(), cohort.id, { now: day(18), appOrigin: ORIGIN });
    expect(entered).toMatchObject({ added: 1, notified: true }); // quiet: last call the 10th
    await writeEvents(db(), env, [ev('quiet', 'api.call', day(18, 12))]);
    const left = await evaluateCohort(db(), cohort.id, { now: day(18, 13), appOrigin: ORIGIN });
    expect(left).toMatchObject({ added: 0, removed: 1 });
    const changes = (await listCohortChanges(db(), cohort.id, { limit: 100 })).changes.filter((c) => c.memberId === 'quiet');
    expect(changes.map((c) => [c.change, c.at.toISOString()])).toEqual([
      ['added', day(18).toISOString()],
      ['removed', day(18, 13).toISOString()],
    ]);
  });

  it('a due cohort is evaluated once, however many schedulers ask at the same time', async () => {
    const cohort = await createCohort(
      db(),
      env.id,
      createCohortInput.parse({
        name: 'Due once',
        filter: {
          version: 1,
          entity: 'users',
          root: { type: 'group', op: 'and', conditions: [{ type: 'trait', key: 'plan', op: 'eq', value: 'pro' }] },
        },
      }),
    );
    const claimed = await Promise.all([1, 2, 3].map(() => runDueCohorts(db(), { appOrigin: ORIGIN })));
    const runs = await db().select().from(cohortRuns).where(eq(cohortRuns.cohortId, cohort.id));
    expect(runs).toHaveLength(1);
    expect(claimed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    // Not due again until its schedule says so.
    expect(await runDueCohorts(db(), { appOrigin: ORIGIN })).toBe(0);
  });
});
