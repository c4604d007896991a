import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';

import { dailyRollups, environments, events, signalAccountTotals, writeKeys } from '@/lib/db/schema';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { EnvironmentGoneError, writeEvents } from '@/lib/ingest/write-events';
import { evaluateSignals } from '@/lib/signals/evaluate';
import { describeEachDatabase } from '@/lib/testing/databases';
import { createWriteKey } from '@/lib/write-keys/create-write-key';

import { createEnvironment } from './create-environment';
import { deleteEnvironment } from './delete-environment';
import { ensureBuiltInEnvironments } from './ensure-built-in';
import { getDefaultEnvironment, listEnvironments, resolveEnvironment } from './queries';
import { renameEnvironment } from './rename-environment';
import { createEnvironmentInput, slugFromName } from './schemas';

describeEachDatabase('environments', (database) => {
  beforeAll(async () => {
    await ensureBuiltInEnvironments(database().db);
  });

  it('start with Production (the default) and Development, once however often boot runs', async () => {
    await ensureBuiltInEnvironments(database().db);
    const list = await listEnvironments(database().db);
    expect(list.map((e) => [e.slug, e.isDefault, e.builtIn])).toEqual([
      ['production', true, true],
      ['development', false, true],
    ]);
    expect((await getDefaultEnvironment(database().db)).slug).toBe('production');
    expect((await resolveEnvironment(database().db, undefined)).slug).toBe('production');
    expect((await resolveEnvironment(database().db, 'development')).name).toBe('Development');
  });

  it('adds one with a slug derived from its name, and refuses a taken slug', async () => {
    const staging = await createEnvironment(database().db, { name: 'Staging EU' });
    expect(staging.slug).toBe('staging-eu');
    expect(staging.builtIn).toBe(false);
    await expect(createEnvironment(database().db, { name: 'Another', slug: 'staging-eu' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('renames one it added, keeping its slug, but never a built-in one', async () => {
    await createEnvironment(database().db, { name: 'QA', slug: 'qa' });
    const renamed = await renameEnvironment(database().db, 'qa', { name: 'Quality' });
    expect([renamed.slug, renamed.name]).toEqual(['qa', 'Quality']);
    await expect(renameEnvironment(database().db, 'production', { name: 'Prod' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(renameEnvironment(database().db, 'nope', { name: 'X' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletes one it added together with its write keys and signal totals, never a built-in one', async () => {
    const temp = await createEnvironment(database().db, { name: 'Temporary' });
    await createWriteKey(database().db, { environmentId: temp.id, createdBy: null, input: { name: 'k' } });
    await database().db.insert(dailyRollups).values({
      environmentId: temp.id,
      accountId: 'acct-1',
      eventName: 'frontegg.user.authenticated',
      day: '2026-11-20',
      count: 3,
    });
    await evaluateSignals(database().db, temp, new Date('2026-11-24T12:00:00Z'));
    const totals = () =>
      database().db.select({ n: count() }).from(signalAccountTotals).where(eq(signalAccountTotals.environmentId, temp.id));
    expect((await totals())[0]?.n).toBe(1);
    await deleteEnvironment(database().db, 'temporary');
    expect((await totals())[0]?.n).toBe(0);
    const [left] = await database().db.select({ n: count() }).from(writeKeys).where(eq(writeKeys.environmentId, temp.id));
    expect(left?.n).toBe(0);
    const [gone] = await database().db.select({ n: count() }).from(environments).where(eq(environments.slug, 'temporary'));
    expect(gone?.n).toBe(0);
    await expect(deleteEnvironment(database().db, 'development')).rejects.toBeInstanceOf(ForbiddenError);
  });

  // Events have no foreign key to their environment (lib/events/store-events.ts says why).
  const event = (messageId: string) => ({
    messageId,
    name: 'frontegg.user.authenticated',
    accountId: 'acct-1',
    userId: 'user-1',
    anonymousId: null,
    timestamp: new Date(),
    properties: {},
  });
  const eventsOf = async (environmentId: number) =>
    (await database().db.select({ n: count() }).from(events).where(eq(events.environmentId, environmentId)))[0]?.n;

  it('deletes its events, and a write after the deletion writes nothing and says so', async () => {
    const temp = await createEnvironment(database().db, { name: 'Short lived' });
    const target = { id: temp.id, timeZone: 'UTC' };
    expect(await writeEvents(database().db, target, [event('m-1'), event('m-2')])).toBe(2);
    await deleteEnvironment(database().db, temp.slug);
    expect(await eventsOf(temp.id)).toBe(0);
    await expect(writeEvents(database().db, target, [event('m-3')])).rejects.toBeInstanceOf(EnvironmentGoneError);
    expect(await eventsOf(temp.id)).toBe(0);
    const [rollups] = await database()
      .db.select({ n: count() })
      .from(dailyRollups)
      .where(eq(dailyRollups.environmentId, temp.id));
    expect(rollups?.n).toBe(0);
  });

  // Two transactions at once need two connections: the next two tests are for Postgres only.
  const waiting = (promise: Promise<unknown>) =>
    Promise.race([promise.then(() => 'settled'), new Promise((r) => setTimeout(() => r('waiting'), 300))]);

  it('a write holds its environment until it commits; deleting it waits, then deletes what it wrote', async () => {
    if (database().kind !== 'postgres') return;
    const { db } = database();
    const temp = await createEnvironment(db, { name: 'Busy' });
    const target = { id: temp.id, timeZone: 'UTC' };
    const at = new Date();
    // After this first write, the next one (same account, user, name and time) inserts only an
    // event and updates the rest: no foreign key check locks the environment's row, only the write.
    await writeEvents(db, target, [{ ...event('m-1'), timestamp: at }]);
    let deletion: Promise<void> | undefined;
    await db.transaction(async (tx) => {
      expect(await writeEvents(tx, target, [{ ...event('m-2'), timestamp: at }])).toBe(1);
      await expect(db.execute(sql`select 1 from environments where id = ${temp.id} for update nowait`)).rejects.toMatchObject({
        cause: { code: '55P03' }, // lock_not_available
      });
      deletion = deleteEnvironment(db, temp.slug);
      expect(await waiting(deletion)).toBe('waiting');
    });
    await deletion;
    expect(await eventsOf(temp.id)).toBe(0);
  });

  it('a write that waits on a deletion in progress writes nothing once it commits', async () => {
    if (database().kind !== 'postgres') return;
    const { db } = database();
    const temp = await createEnvironment(db, { name: 'Going' });
    const target = { id: temp.id, timeZone: 'UTC' };
    await writeEvents(db, target, [event('m-1')]);
    let write: Promise<number> | undefined;
    await db.transaction(async (tx) => {
      // deleteEnvironment's steps, with a write arriving between them.
      await tx.delete(environments).where(eq(environments.id, temp.id));
      write = writeEvents(db, target, [event('m-2')]);
      write.catch(() => {}); // awaited below
      expect(await waiting(write)).toBe('waiting');
      await tx.delete(events).where(eq(events.environmentId, temp.id));
    });
    await expect(write).rejects.toBeInstanceOf(EnvironmentGoneError);
    expect(await eventsOf(temp.id)).toBe(0);
  });
});

it('validates names and slugs with messages that name the field', () => {
  const bad = createEnvironmentInput.safeParse({ name: '', slug: 'Has Spaces' });
  expect(bad.success).toBe(false);
  expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['name', 'slug']);
  expect(slugFromName('  Ünïcode & Friends!  ')).toBe('unicode-friends');
});
