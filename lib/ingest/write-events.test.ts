import { randomUUID } from 'node:crypto';

import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';

import { SeenCache } from '@/lib/accounts/seen-cache';
import { accountMemberships, accounts, connections, dailyRollups, deliveries, events, eventTypes, users } from '@/lib/db/schema';
import { createEnvironment } from '@/lib/environments/create-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { describeEachDatabase } from '@/lib/testing/databases';

import type { IngestEvent } from './ingest-event';
import { type TargetEnvironment, writeEvents } from './write-events';

const event = (over: Partial<IngestEvent>): IngestEvent => ({
  messageId: randomUUID(),
  name: 'frontegg.user.authenticated',
  accountId: 'acme',
  userId: 'u1',
  anonymousId: null,
  timestamp: new Date('2026-11-20T10:00:00Z'),
  properties: {},
  ...over,
});

describeEachDatabase('writing events', (database) => {
  let env: TargetEnvironment;
  beforeAll(async () => {
    await ensureBuiltInEnvironments(database().db);
    const created = await createEnvironment(database().db, { name: 'Ingest test' });
    env = { id: created.id, timeZone: 'UTC' };
  });

  const rollup = async (accountId: string, name: string, day: string) => {
    const [row] = await database()
      .db.select({ count: dailyRollups.count })
      .from(dailyRollups)
      .where(
        and(
          eq(dailyRollups.environmentId, env.id),
          eq(dailyRollups.accountId, accountId),
          eq(dailyRollups.eventName, name),
          eq(dailyRollups.day, day),
        ),
      );
    return row?.count ?? 0;
  };

  /** The stored user, account and membership of a user in an account. */
  const stored = async (userId: string, accountId: string) => {
    const { db } = database();
    const [user] = await db
      .select()
      .from(users)
      .where(and(eq(users.environmentId, env.id), eq(users.userId, userId)));
    const [account] = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.environmentId, env.id), eq(accounts.accountId, accountId)));
    const [member] = await db
      .select()
      .from(accountMemberships)
      .where(
        and(
          eq(accountMemberships.environmentId, env.id),
          eq(accountMemberships.accountId, accountId),
          eq(accountMemberships.userId, userId),
        ),
      );
    return { user, account, member };
  };

  it('stores events and counts them per account, event and day', async () => {
    const inserted = await writeEvents(database().db, env, [
      event({}),
      event({}),
      event({ timestamp: new Date('2026-11-21T23:59:59Z') }),
      event({ accountId: 'globex', name: 'frontegg.user.invitedToTenant' }),
    ]);
    expect(inserted).toBe(4);
    expect(await rollup('acme', 'frontegg.user.authenticated', '2026-11-20')).toBe(2);
    expect(await rollup('acme', 'frontegg.user.authenticated', '2026-11-21')).toBe(1);
    expect(await rollup('globex', 'frontegg.user.invitedToTenant', '2026-11-20')).toBe(1);
  });

  it('stores a repeated message id once and counts it once, within a write and across writes', async () => {
    const once = event({ name: 'api.call' });
    expect(await writeEvents(database().db, env, [once, { ...once }])).toBe(1);
    expect(await writeEvents(database().db, env, [{ ...once }])).toBe(0);
    expect(await rollup('acme', 'api.call', '2026-11-20')).toBe(1);
    const stored = await database()
      .db.select()
      .from(events)
      .where(and(eq(events.environmentId, env.id), eq(events.messageId, once.messageId)));
    expect(stored).toHaveLength(1);
    const [type] = await database()
      .db.select()
      .from(eventTypes)
      .where(and(eq(eventTypes.environmentId, env.id), eq(eventTypes.name, 'api.call')));
    expect(type?.total).toBe(1);
  });

  it('keeps users and accounts with merged traits, first and last seen, and memberships', async () => {
    await writeEvents(database().db, env, [
      event({
        name: 'identify',
        accountId: null,
        userId: 'ann',
        userTraits: { email: 'ann@example.com', plan: 'free' },
        timestamp: new Date('2026-11-01T00:00:00Z'),
      }),
      event({
        name: 'identify',
        accountId: null,
        userId: 'ann',
        userTraits: { plan: 'pro' },
        timestamp: new Date('2026-11-02T00:00:00Z'),
      }),
      event({
        name: 'group',
        accountId: 'initech',
        userId: 'ann',
        accountTraits: { name: 'Initech' },
        timestamp: new Date('2026-11-03T00:00:00Z'),
      }),
    ]);
    const [ann] = await database()
      .db.select()
      .from(users)
      .where(and(eq(users.environmentId, env.id), eq(users.userId, 'ann')));
    expect(ann?.traits).toEqual({ email: 'ann@example.com', plan: 'pro' });
    expect(ann?.firstSeenAt.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(ann?.lastSeenAt.toISOString()).toBe('2026-11-03T00:00:00.000Z');
    const [initech] = await database()
      .db.select()
      .from(accounts)
      .where(and(eq(accounts.environmentId, env.id), eq(accounts.accountId, 'initech')));
    expect(initech?.traits).toEqual({ name: 'Initech' });
    const memberships = await database()
      .db.select()
      .from(accountMemberships)
      .where(and(eq(accountMemberships.environmentId, env.id), eq(accountMemberships.userId, 'ann')));
    expect(memberships.map((m) => m.accountId)).toEqual(['initech']);
  });

  it('keeps last seen to the minute, but exactly across midnight, and always takes new traits and an earlier first seen', async () => {
    const { db } = database();
    const at = (iso: string) => new Date(iso);
    const rows = () => stored('bo', 'bo-co');
    const seen = async () => {
      const { user, account, member } = await rows();
      return [user, account, member].map((r) => `${r?.firstSeenAt.toISOString()} ${r?.lastSeenAt.toISOString()}`);
    };
    const write = (timestamp: Date, over: Partial<IngestEvent> = {}) =>
      writeEvents(db, env, [event({ userId: 'bo', accountId: 'bo-co', timestamp, ...over })]);
    const both = (first: string, last: string) => Array(3).fill(`${first} ${last}`);

    await write(at('2026-11-10T23:58:00Z'));
    await write(at('2026-11-10T23:58:30Z')); // 30 s later: left alone
    expect(await seen()).toEqual(both('2026-11-10T23:58:00.000Z', '2026-11-10T23:58:00.000Z'));
    await write(at('2026-11-10T23:59:10Z')); // more than 30 s later
    expect(await seen()).toEqual(both('2026-11-10T23:58:00.000Z', '2026-11-10T23:59:10.000Z'));
    await write(at('2026-11-11T00:00:05Z')); // within the minute, but a new day
    expect(await seen()).toEqual(both('2026-11-10T23:58:00.000Z', '2026-11-11T00:00:05.000Z'));
    await write(at('2026-11-09T12:00:00Z')); // a late event moves first seen
    expect(await seen()).toEqual(both('2026-11-09T12:00:00.000Z', '2026-11-11T00:00:05.000Z'));

    await write(at('2026-11-11T00:00:20Z'), { name: 'identify', userTraits: { plan: 'team' } });
    await write(at('2026-11-11T00:00:25Z'), { name: 'group', accountTraits: { tier: 'gold' } });
    const { user, account } = await rows();
    expect(user?.traits).toEqual({ plan: 'team' });
    expect(account?.traits).toEqual({ tier: 'gold' });
  });

  it('skips, with a SeenCache, rows it sent moments ago: last seen stays within a minute, on the right day, and traits always go through', async () => {
    const { db } = database();
    const cache = new SeenCache();
    const at = (iso: string) => new Date(iso);
    const write = (iso: string, over: Partial<IngestEvent> = {}) =>
      writeEvents(db, env, [event({ userId: 'cy', accountId: 'cy-co', timestamp: at(iso), ...over })], { seen: cache });
    const lastSeen = async () => {
      const { user, account, member } = await stored('cy', 'cy-co');
      return [user, account, member].map((r) => r?.lastSeenAt.toISOString());
    };
    const thrice = (iso: string) => [iso, iso, iso];

    // Written by another process (no cache), then seen here 20 s later: sent, and left alone by the
    // statement (within 30 s of the stored value).
    await writeEvents(db, env, [event({ userId: 'cy', accountId: 'cy-co', timestamp: at('2026-11-12T23:57:00Z') })]);
    await write('2026-11-12T23:57:20Z');
    await write('2026-11-12T23:57:45Z'); // 45 s after the stored value, but 25 s after the last sent: not sent
    expect(await lastSeen()).toEqual(thrice('2026-11-12T23:57:00.000Z'));
    await write('2026-11-12T23:57:55Z'); // 35 s after the last sent: written
    expect(await lastSeen()).toEqual(thrice('2026-11-12T23:57:55.000Z'));
    await write('2026-11-13T00:00:05Z');
    await write('2026-11-13T00:00:20Z', { name: 'identify', userTraits: { plan: 'pro' } }); // traits: always sent
    expect((await stored('cy', 'cy-co')).user?.traits).toEqual({ plan: 'pro' });
    // Within 30 s of what was sent, but a new day: written.
    await write('2026-11-13T23:59:50Z');
    await write('2026-11-14T00:00:10Z');
    expect(await lastSeen()).toEqual(thrice('2026-11-14T00:00:10.000Z'));
  });

  it("puts events that name no account in the account of the user's latest group call", async () => {
    // Stored from the previous test: ann → initech. In this write: bob joins umbrella.
    await writeEvents(database().db, env, [
      event({ accountId: null, userId: 'ann', name: 'report.exported' }),
      event({ name: 'group', accountId: 'umbrella', userId: 'bob' }),
      event({ accountId: null, userId: 'bob', name: 'report.exported' }),
      event({ accountId: null, userId: 'nobody', name: 'report.exported' }),
    ]);
    expect(await rollup('initech', 'report.exported', '2026-11-20')).toBe(1);
    expect(await rollup('umbrella', 'report.exported', '2026-11-20')).toBe(1);
    expect(await rollup('', 'report.exported', '2026-11-20')).toBe(1);
  });

  it("counts days in the environment's time zone", async () => {
    const tokyo = { id: env.id, timeZone: 'Asia/Tokyo' };
    await writeEvents(database().db, tokyo, [
      event({ accountId: 'tz', name: 'tz.check', timestamp: new Date('2026-11-20T16:00:00Z') }),
    ]);
    expect(await rollup('tz', 'tz.check', '2026-11-21')).toBe(1);
  });

  it('stores, counts and delivers a retried message once, even when a group call moved its user in between', async () => {
    const { db } = database();
    const name = `retry.check.${randomUUID().slice(0, 8)}`;
    const [hook] = await db
      .insert(connections)
      .values({ environmentId: env.id, name: 'retry hook', kind: 'webhook', config: {}, eventKeys: [name] })
      .returning({ id: connections.id });
    const retry = () => event({ messageId: 'retry-msg-1', accountId: null, userId: 'wanderer', name });
    // First try: the user has no group yet, so the event has no account.
    expect(await writeEvents(db, env, [retry()])).toBe(1);
    await writeEvents(db, env, [event({ name: 'group', accountId: 'newco', userId: 'wanderer' })]);
    // The retry now resolves to newco; it is the same message and is stored nowhere else.
    expect(await writeEvents(db, env, [retry()])).toBe(0);
    // And twice in one write, under two accounts, it is one message too.
    expect(await writeEvents(db, env, [retry(), { ...retry(), accountId: 'other' }])).toBe(0);

    const stored = await db
      .select({ accountId: events.accountId })
      .from(events)
      .where(and(eq(events.environmentId, env.id), eq(events.messageId, 'retry-msg-1')));
    expect(stored).toEqual([{ accountId: '' }]);
    expect(await rollup('', name, '2026-11-20')).toBe(1);
    expect(await rollup('newco', name, '2026-11-20')).toBe(0);
    const [catalog] = await db
      .select({ total: eventTypes.total })
      .from(eventTypes)
      .where(and(eq(eventTypes.environmentId, env.id), eq(eventTypes.name, name)));
    expect(catalog?.total).toBe(1);
    const outbox = await db
      .select()
      .from(deliveries)
      .where(eq(deliveries.connectionId, hook?.id ?? ''));
    expect(outbox).toHaveLength(1);
  });
});
