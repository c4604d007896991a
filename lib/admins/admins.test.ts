import { expect, it } from 'vitest';

import { ConflictError, ForbiddenError } from '@/lib/errors';
import { describeEachDatabase } from '@/lib/testing/databases';

import { createAdmin } from './create-admin';
import { createFirstOwner } from './create-first-owner';
import { deleteAdmin } from './delete-admin';
import { verifyPassword } from './password';
import { countAdmins, findAdminRowByEmail, listAdmins } from './queries';
import { seedOwnerFromEnv } from './seed-owner-from-env';
import { updateAdmin } from './update-admin';

describeEachDatabase('team members', (database) => {
  let ownerEmail = '';

  it('first run creates exactly one owner, even when two setups race', async () => {
    const { db } = database();
    const results = await Promise.allSettled([
      createFirstOwner(db, { email: 'owner@example.com', password: 'correct horse battery' }),
      createFirstOwner(db, { email: 'other@example.com', password: 'correct horse battery' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConflictError);
    expect(await countAdmins(db)).toBe(1);
    ownerEmail = (await listAdmins(db))[0]?.email ?? '';
    expect(['owner@example.com', 'other@example.com']).toContain(ownerEmail);
    expect(await seedOwnerFromEnv(db, { email: 'seed@example.com', password: 'correct horse battery' })).toBe('skipped');
  });

  it('stores a real password hash, and never returns it', async () => {
    const { db } = database();
    const row = await findAdminRowByEmail(db, ownerEmail.toUpperCase());
    expect(row?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('correct horse battery', row?.passwordHash ?? '')).toBe(true);
    const listed = await listAdmins(db);
    expect(JSON.stringify(listed)).not.toContain('scrypt');
    expect(listed[0]?.hasPassword).toBe(true);
  });

  it('lets admins add viewers and admins, but only owners add owners; emails are unique ignoring case', async () => {
    const { db } = database();
    const owner = (await listAdmins(db))[0];
    if (!owner) throw new Error('no owner');
    const admin = await createAdmin(db, owner, { email: 'admin@example.com', role: 'admin', password: 'a long enough password' });
    await expect(createAdmin(db, admin, { email: 'boss@example.com', role: 'owner' })).rejects.toBeInstanceOf(ForbiddenError);
    await createAdmin(db, admin, { email: 'viewer@example.com', role: 'viewer', password: 'a long enough password' });
    await expect(createAdmin(db, admin, { email: 'Viewer@Example.com', role: 'viewer' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('keeps at least one owner and nobody removes themselves', async () => {
    const { db } = database();
    const [owner, admin, viewer] = await listAdmins(db);
    if (!owner || !admin || !viewer) throw new Error('fixture missing');
    await expect(updateAdmin(db, owner, owner.id, { role: 'admin' })).rejects.toThrow(/last owner/);
    await expect(updateAdmin(db, admin, owner.id, { role: 'viewer' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteAdmin(db, admin, admin.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteAdmin(db, admin, owner.id)).rejects.toBeInstanceOf(ForbiddenError);

    const promoted = await updateAdmin(db, admin, viewer.id, { role: 'admin' });
    expect(promoted.role).toBe('admin');
    await deleteAdmin(db, admin, viewer.id);
    expect((await listAdmins(db)).map((a) => a.email)).toEqual([ownerEmail, 'admin@example.com']);
  });
});

describeEachDatabase('owner seeded from ADMIN_EMAIL / ADMIN_PASSWORD', (database) => {
  it('creates the owner on an empty database only', async () => {
    const { db } = database();
    expect(await seedOwnerFromEnv(db, {})).toBe('skipped');
    expect(await seedOwnerFromEnv(db, { email: 'Seed@Example.com', password: 'correct horse battery' })).toBe('created');
    expect(await seedOwnerFromEnv(db, { email: 'seed2@example.com', password: 'correct horse battery' })).toBe('skipped');
    const [only] = await listAdmins(db);
    expect([only?.email, only?.role]).toEqual(['seed@example.com', 'owner']);
  });
});
