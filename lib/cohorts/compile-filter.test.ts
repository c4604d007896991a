import { randomUUID } from 'node:crypto';

import { beforeAll, expect, it } from 'vitest';

import { queryRows } from '@/lib/db/rows';
import { signalOccurrences } from '@/lib/db/schema';
import { createEnvironment } from '@/lib/environments/create-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { type TargetEnvironment, writeEvents } from '@/lib/ingest/write-events';
import { describeEachDatabase } from '@/lib/testing/databases';

import { compileFilter } from './compile-filter';
import { type CohortFilter, cohortFilter, type Condition } from './filter-schema';

const NOW = new Date('2026-11-24T15:00:00Z');
const daysAgo = (d: number, hour = 12) => new Date(Date.UTC(2026, 10, 24 - d, hour));

const ev = (over: Partial<IngestEvent> & { name: string }): IngestEvent => ({
  messageId: randomUUID(),
  accountId: 'acme',
  userId: null,
  anonymousId: null,
  timestamp: NOW,
  properties: {},
  ...over,
});

describeEachDatabase('cohort filters compile to SQL', (database) => {
  let env: TargetEnvironment;
  const db = () => database().db;

  beforeAll(async () => {
    await ensureBuiltInEnvironments(db());
    env = { id: (await createEnvironment(db(), { name: `Cohorts ${randomUUID().slice(0, 6)}` })).id, timeZone: 'UTC' };
    await writeEvents(db(), env, [
      // ada: new today, one failing API call; plan pro, 12 seats, signed up 2026-01-10.
      ev({
        name: 'identify',
        userId: 'ada',
        accountId: 'acme',
        userTraits: {
          plan: 'pro',
          seats: 12,
          email: 'ada@acme.example',
          signedUpAt: '2026-01-10T00:00:00Z',
          address: { city: 'Paris' },
        },
      }),
      ev({ name: 'api.call', userId: 'ada', accountId: 'acme', properties: { response: { status: 400 }, path: '/v1/orders' } }),
      // bob: seen 40 days ago and today; three successful calls this week; free plan.
      ev({
        name: 'identify',
        userId: 'bob',
        accountId: 'globex',
        timestamp: daysAgo(40),
        userTraits: { plan: 'free', seats: 2, email: 'bob@globex.example' },
      }),
      ...[1, 2, 3].map((d) =>
        ev({
          name: 'api.call',
          userId: 'bob',
          accountId: 'globex',
          timestamp: daysAgo(d),
          properties: { response: { status: 200 } },
        }),
      ),
      // cy: silent for 20 days; no plan trait.
      ev({
        name: 'identify',
        userId: 'cy',
        accountId: 'globex',
        timestamp: daysAgo(20),
        userTraits: { email: "cy'; drop table users; --@x.example" },
      }),
    ] as IngestEvent[]);
    await db().insert(signalOccurrences).values({
      environmentId: env.id,
      accountId: 'globex',
      signalKey: 'logins_drop_7d',
      windowDays: 7,
      current: 1,
      previous: 10,
      changePct: -90,
      reason: 'test',
      startedAt: NOW,
    });
  });

  const members = async (
    entity: CohortFilter['entity'],
    conditions: (Condition | { type: 'group'; op: 'and' | 'or'; conditions: unknown[] })[],
    op: 'and' | 'or' = 'and',
  ) => {
    const filter = cohortFilter.parse({ version: 1, entity, root: { type: 'group', op, conditions } });
    const rows = await queryRows<{ member_id: string }>(
      db(),
      compileFilter(filter, { environmentId: env.id, timeZone: 'UTC', now: NOW }),
    );
    return rows.map((r) => r.member_id).sort();
  };

  it('compares traits with every operator', async () => {
    expect(await members('users', [{ type: 'trait', key: 'plan', op: 'eq', value: 'pro' }])).toEqual(['ada']);
    expect(await members('users', [{ type: 'trait', key: 'plan', op: 'neq', value: 'pro' }])).toEqual(['bob', 'cy']);
    expect(await members('users', [{ type: 'trait', key: 'email', op: 'contains', value: 'GLOBEX' }])).toEqual(['bob']);
    expect(await members('users', [{ type: 'trait', key: 'email', op: 'startsWith', value: 'ada@' }])).toEqual(['ada']);
    expect(await members('users', [{ type: 'trait', key: 'seats', op: 'gt', value: 5 }])).toEqual(['ada']);
    expect(await members('users', [{ type: 'trait', key: 'seats', op: 'lte', value: 2 }])).toEqual(['bob']);
    expect(await members('users', [{ type: 'trait', key: 'signedUpAt', op: 'lt', value: '2026-02-01' }])).toEqual(['ada']);
    expect(await members('users', [{ type: 'trait', key: 'plan', op: 'set' }])).toEqual(['ada', 'bob']);
    expect(await members('users', [{ type: 'trait', key: 'plan', op: 'notSet' }])).toEqual(['cy']);
    expect(await members('users', [{ type: 'trait', key: 'plan', op: 'in', value: ['free', 'team'] }])).toEqual(['bob']);
    expect(await members('users', [{ type: 'trait', key: 'address.city', op: 'eq', value: 'Paris' }])).toEqual(['ada']);
    // A date comparison on a trait that is not a date matches nothing rather than failing.
    expect(await members('users', [{ type: 'trait', key: 'email', op: 'gt', value: '2020-01-01' }])).toEqual([]);
  });

  it('filters on first and last seen in the environment’s days', async () => {
    expect(await members('users', [{ type: 'seen', which: 'first', op: 'today' }])).toEqual(['ada']);
    expect(await members('users', [{ type: 'seen', which: 'last', op: 'withinDays', days: 7 }])).toEqual(['ada', 'bob']);
    expect(await members('users', [{ type: 'seen', which: 'last', op: 'olderThanDays', days: 14 }])).toEqual(['cy']);
    expect(
      await members('users', [{ type: 'seen', which: 'first', op: 'between', from: '2026-10-01', to: '2026-11-10' }]),
    ).toEqual(['bob', 'cy']);
  });

  it('finds who performed an event, with property tests, counts and windows', async () => {
    const example = [
      { type: 'seen', which: 'first', op: 'today' },
      { type: 'performed', event: 'api.call', where: [{ key: 'response.status', op: 'eq', value: 400 }] },
    ] as Condition[];
    expect(await members('users', example)).toEqual(['ada']);
    expect(
      await members('users', [{ type: 'performed', event: 'api.call', count: { op: 'atLeast', n: 3 } } as Condition]),
    ).toEqual(['bob']);
    expect(
      await members('users', [{ type: 'performed', event: 'api.call', count: { op: 'exactly', n: 1 } } as Condition]),
    ).toEqual(['ada']);
    expect(
      await members('users', [{ type: 'performed', event: 'api.call', count: { op: 'atMost', n: 1 } } as Condition]),
    ).toEqual(['ada', 'cy']);
    expect(await members('users', [{ type: 'performed', event: 'api.call', within: { days: 1 } } as Condition])).toEqual(['ada']);
    expect(await members('users', [{ type: 'notPerformed', event: 'api.call', days: 1 }])).toEqual(['bob', 'cy']);
    expect(await members('users', [{ type: 'notPerformed', event: 'api.call', days: 2 }])).toEqual(['cy']);
    expect(await members('users', [{ type: 'notPerformed', days: 14 }])).toEqual(['cy']);
  });

  it('combines AND/OR groups, nested', async () => {
    expect(
      await members(
        'users',
        [
          { type: 'trait', key: 'plan', op: 'eq', value: 'free' },
          {
            type: 'group',
            op: 'and',
            conditions: [
              { type: 'trait', key: 'plan', op: 'notSet' },
              { type: 'notPerformed', days: 14 },
            ],
          },
        ] as Condition[],
        'or',
      ),
    ).toEqual(['bob', 'cy']);
  });

  it('filters accounts by their users and their signals', async () => {
    expect(await members('accounts', [{ type: 'activeUsers', op: 'gte', n: 1, days: 7 }])).toEqual(['acme', 'globex']);
    expect(await members('accounts', [{ type: 'activeUsers', op: 'gt', n: 1, days: 30 }])).toEqual(['globex']);
    expect(await members('accounts', [{ type: 'inSignal', signal: 'any' }])).toEqual(['globex']);
    expect(await members('accounts', [{ type: 'inSignal', signal: 'invites_rise_7d' }])).toEqual([]);
    expect(
      await members('accounts', [{ type: 'performed', event: 'api.call', count: { op: 'atLeast', n: 2 } } as Condition]),
    ).toEqual(['globex']);
  });

  it('treats names and values as data, never as SQL', async () => {
    const hostile = ["plan' or '1'='1", 'x"; drop table users; --', "') or true --", '$1', '\\', 'a.b.c.d'];
    for (const key of hostile) {
      expect(await members('users', [{ type: 'trait', key, op: 'set' }])).toEqual([]);
      expect(await members('users', [{ type: 'trait', key: 'plan', op: 'eq', value: key }])).toEqual([]);
      expect(
        await members('users', [{ type: 'performed', event: key, where: [{ key, op: 'contains', value: key }] } as Condition]),
      ).toEqual([]);
    }
    expect(await members('users', [{ type: 'trait', key: 'email', op: 'contains', value: "'; drop table users; --" }])).toEqual([
      'cy',
    ]);
    // Still there.
    expect(await members('users', [{ type: 'trait', key: 'plan', op: 'set' }])).toEqual(['ada', 'bob']);
  });

  it('names the bad node of a bad tree', () => {
    const result = cohortFilter.safeParse({
      version: 1,
      entity: 'users',
      root: {
        type: 'group',
        op: 'and',
        conditions: [{ type: 'seen', which: 'first', op: 'between', from: '2026-11-10', to: '2026-11-01' }],
      },
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['root.conditions.0.to', 'must not be before the first day'],
    ]);
    expect(cohortFilter.safeParse({ version: 2, entity: 'users', root: {} }).error?.issues[0]?.message).toBe(
      'expected version 1',
    );
  });
});
