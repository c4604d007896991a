import { count, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { dailyRollups, environments, signalAccountTotals, writeKeys } from '@/lib/db/schema';
import { evaluateSignals } from '@/lib/signals/evaluate';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
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
});

it('validates names and slugs with messages that name the field', () => {
  const bad = createEnvironmentInput.safeParse({ name: '', slug: 'Has Spaces' });
  expect(bad.success).toBe(false);
  expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['name', 'slug']);
  expect(slugFromName('  Ünïcode & Friends!  ')).toBe('unicode-friends');
});
