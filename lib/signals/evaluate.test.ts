import { and, between, eq, isNull, sum } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';

import { dailyRollups, events, signalOccurrences } from '@/lib/db/schema';
import { createEnvironment } from '@/lib/environments/create-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { writeEvents } from '@/lib/ingest/write-events';
import { describeEachDatabase } from '@/lib/testing/databases';

import { changePct } from './compare';
import { evaluateSignals } from './evaluate';
import { listSignalSettings, signalSettingsInput, updateSignalSettings } from './settings';
import { addDays } from './windows';

const NOW = new Date('2026-11-24T12:00:00Z');
const YESTERDAY = '2026-11-23';

/** Daily counts for an account: `perDay(daysAgo)` events of `name` on each of the last 60 days. */
function rollups(environmentId: number, accountId: string, name: string, perDay: (daysAgo: number) => number) {
  return Array.from({ length: 60 }, (_, i) => ({
    environmentId,
    accountId,
    eventName: name,
    day: addDays(YESTERDAY, -i),
    count: perDay(i + 1),
  })).filter((r) => r.count > 0);
}

describeEachDatabase('signal evaluation', (database) => {
  let env = { id: 0, timeZone: 'UTC' };
  const open = async () =>
    database()
      .db.select()
      .from(signalOccurrences)
      .where(and(eq(signalOccurrences.environmentId, env.id), isNull(signalOccurrences.endedAt)));

  beforeAll(async () => {
    const { db } = database();
    await ensureBuiltInEnvironments(db);
    env = { id: (await createEnvironment(db, { name: 'Signals test' })).id, timeZone: 'UTC' };
    await db.insert(dailyRollups).values([
      // Declining: 20 logins a day, then 4 a day in the last 7 days.
      ...rollups(env.id, 'declining', 'frontegg.user.authenticated', (ago) => (ago <= 7 ? 4 : 20)),
      // Growing: invites went from 1 a week to 2 a day in the last 7 days; steady logins.
      ...rollups(env.id, 'growing', 'frontegg.user.authenticated', () => 20),
      ...rollups(env.id, 'growing', 'frontegg.user.invitedToTenant', (ago) => (ago <= 7 ? 2 : ago % 7 === 0 ? 1 : 0)),
      // Steady: the same every day, token refreshes included in logins.
      ...rollups(env.id, 'steady', 'frontegg.user.authenticatedWithSSO', () => 10),
      ...rollups(env.id, 'steady', 'token.refreshed', () => 10),
      // Tiny: 2 → 0 logins, below the minimum volume.
      ...rollups(env.id, 'tiny', 'frontegg.user.authenticated', (ago) => (ago > 7 && ago <= 14 && ago % 4 === 0 ? 1 : 0)),
    ]);
  });

  it('fires risk for a declining account, engagement for a growing one, nothing for a steady or tiny one', async () => {
    const result = await evaluateSignals(database().db, env, NOW);
    const states = (await open()).map((o) => `${o.accountId}:${o.signalKey}`).sort();
    expect(states).toEqual([
      'declining:logins_drop_7d',
      'growing:invites_rise_30d',
      'growing:invites_rise_7d',
      'growing:top_invites_30d',
    ]);
    expect(result.entered).toBe(4);
    const decline = (await open()).find((o) => o.accountId === 'declining');
    expect(decline).toMatchObject({
      windowDays: 7,
      current: 28,
      previous: 140,
      reason: 'logins and token refreshes 140 → 28 (−80%) in the last 7 days',
    });
    expect(decline?.changePct).toBeCloseTo(-80, 5);

    // The trigger events join the event stream, one per transition.
    const triggers = await database()
      .db.select()
      .from(events)
      .where(and(eq(events.environmentId, env.id), eq(events.name, 'signal.riskForAbandonment')));
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({
      accountId: 'declining',
      properties: { signal: 'logins_drop_7d', current: 28, previous: 140, changePct: -80 },
    });
  });

  it('does not fire again on the next evaluation', async () => {
    const again = await evaluateSignals(database().db, env, NOW);
    expect([again.entered, again.ended, again.open]).toEqual([0, 0, 4]);
    const triggers = await database()
      .db.select()
      .from(events)
      .where(and(eq(events.environmentId, env.id), eq(events.name, 'signal.engagementLevel')));
    expect(triggers).toHaveLength(3);
  });

  it('ends the occurrence when the account recovers, and obeys changed settings', async () => {
    const { db } = database();
    // The declining account's logins come back (the last 7 days now hold 20 a day again): late
    // events for finished days, ingested as usual. (Rollups change only through ingestion, which
    // marks such days so the evaluation's account totals follow.)
    const late: IngestEvent[] = Array.from({ length: 7 * 16 }, (_, i) => ({
      messageId: `late-${i}`,
      name: 'frontegg.user.authenticated',
      accountId: 'declining',
      userId: null,
      anonymousId: null,
      timestamp: new Date(`${addDays(YESTERDAY, -(i % 7))}T09:00:00Z`),
      properties: {},
    }));
    await db.transaction((tx) => writeEvents(tx, env, late));
    // And invites must now rise by more than 1000%: growing's 30-day +325% no longer counts, its 7-day +1300% still does.
    for (const key of ['invites_rise_7d', 'invites_rise_30d']) {
      await updateSignalSettings(db, env.id, key, { enabled: true, thresholdPct: 1000, minVolume: 3, topN: 10 });
    }
    const result = await evaluateSignals(db, env, NOW);
    expect(result.ended).toBe(2);
    const states = (await open()).map((o) => `${o.accountId}:${o.signalKey}`).sort();
    expect(states).toEqual(['growing:invites_rise_7d', 'growing:top_invites_30d']);
    const ended = await db
      .select()
      .from(signalOccurrences)
      .where(and(eq(signalOccurrences.environmentId, env.id), eq(signalOccurrences.accountId, 'declining')));
    expect(ended[0]?.endedAt?.toISOString()).toBe(NOW.toISOString());
  });

  it('refreshes the numbers of an account staying in a signal without firing, and ends a disabled signal', async () => {
    const { db } = database();
    const before = (await open()).find((o) => o.signalKey === 'invites_rise_7d');
    const invites: IngestEvent[] = Array.from({ length: 5 }, (_, i) => ({
      messageId: `more-invites-${i}`,
      name: 'frontegg.user.invitedToTenant',
      accountId: 'growing',
      userId: null,
      anonymousId: null,
      timestamp: new Date(`${addDays(YESTERDAY, -1)}T09:00:00Z`),
      properties: {},
    }));
    await db.transaction((tx) => writeEvents(tx, env, invites));
    await updateSignalSettings(db, env.id, 'top_invites_30d', { enabled: false, thresholdPct: 50, minVolume: 1, topN: 10 });

    const result = await evaluateSignals(db, env, NOW);
    expect([result.entered, result.ended, result.open]).toEqual([0, 1, 1]);
    const [after, ...others] = await open();
    expect(others).toEqual([]);
    const current = Number(before?.current ?? 0) + 5;
    const previous = Number(before?.previous);
    expect(after).toMatchObject({ id: before?.id, signalKey: 'invites_rise_7d', current, previous });
    expect(Number(after?.changePct)).toBeCloseTo(changePct(previous, current) ?? Number.NaN, 9);
    // The reason is the one it fired with, as its trigger event said it.
    expect(after?.reason).toBe(before?.reason);
    const triggers = await db
      .select()
      .from(events)
      .where(and(eq(events.environmentId, env.id), eq(events.name, 'signal.engagementLevel')));
    expect(triggers).toHaveLength(3);
  });

  it('moves the figures of an occurrence staying open on a new day at the next tick, not the first', async () => {
    const { db } = database();
    // So that growing's 7-day rise (+750% on the new day) still counts.
    await updateSignalSettings(db, env.id, 'invites_rise_7d', { enabled: true, thresholdPct: 100, minVolume: 3, topN: 10 });
    const [before] = await open();
    const invites = async (from: string, to: string) => {
      const [row] = await db
        .select({ n: sum(dailyRollups.count).mapWith(Number) })
        .from(dailyRollups)
        .where(
          and(
            eq(dailyRollups.environmentId, env.id),
            eq(dailyRollups.accountId, 'growing'),
            eq(dailyRollups.eventName, 'frontegg.user.invitedToTenant'),
            between(dailyRollups.day, from, to),
          ),
        );
      return row?.n ?? 0;
    };
    const [current, previous] = [await invites('2026-11-18', '2026-11-24'), await invites('2026-11-11', '2026-11-17')];
    expect(current).not.toBe(Number(before?.current));

    await evaluateSignals(db, env, new Date('2026-11-25T00:01:00Z'));
    expect(await open()).toEqual([before]);
    await evaluateSignals(db, env, new Date('2026-11-25T00:06:00Z'));
    const [after, ...others] = await open();
    expect(others).toEqual([]);
    expect(after).toMatchObject({ id: before?.id, current, previous, reason: before?.reason });
  });
});

describeEachDatabase('signal settings', (database) => {
  it('are all valid as defaults, so every signal can be saved and backtested as it is', async () => {
    for (const { definition, settings } of await listSignalSettings(database().db, 1)) {
      expect(signalSettingsInput.safeParse(settings).success, definition.key).toBe(true);
    }
  });
});
