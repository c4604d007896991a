import { expect, it } from 'vitest';

import { createAdmin } from '@/lib/admins/create-admin';
import { createFirstOwner } from '@/lib/admins/create-first-owner';
import { deleteAdmin } from '@/lib/admins/delete-admin';
import { updateAdmin } from '@/lib/admins/update-admin';
import { describeEachDatabase } from '@/lib/testing/databases';

import { endSession, findSessionAdmin, SESSION_MAX_AGE_SECONDS, startSession } from './sessions';

describeEachDatabase('sessions', (database) => {
  const live = async (adminId: string, sessionId: string, now?: Date) =>
    (await findSessionAdmin(database().db, { adminId, sessionId }, now))?.id ?? null;

  it('a session is live until it is ended or expires, and only for its own person', async () => {
    const { db } = database();
    const owner = await createFirstOwner(db, { email: 'sessions-owner@example.com', password: 'correct horse battery' });
    const other = await createAdmin(db, owner, { email: 'other@example.com', password: 'another long password', role: 'viewer' });
    const session = await startSession(db, owner.id);
    expect(await live(owner.id, session)).toBe(owner.id);
    // A session id with somebody else's admin id is nobody's.
    expect(await live(other.id, session)).toBeNull();
    expect(await live(owner.id, 'made-up')).toBeNull();
    expect(await live(owner.id, session, new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000 + 1000))).toBeNull();
    // Signing out.
    await endSession(db, session);
    expect(await live(owner.id, session)).toBeNull();
  });

  it("a password or role change ends that person's sessions, but for the one they changed themselves from", async () => {
    const { db } = database();
    const [owner] = await db.query.adminUsers.findMany({ where: (a, { eq }) => eq(a.role, 'owner') });
    if (!owner) throw new Error('no owner');
    const member = await createAdmin(db, owner, { email: 'member@example.com', password: 'member long password', role: 'admin' });
    const laptop = await startSession(db, member.id);
    const phone = await startSession(db, member.id);
    const ownersOwn = await startSession(db, owner.id);

    // The member changes their own password from the laptop: the phone is signed out.
    await updateAdmin(db, { ...member, sessionId: laptop }, member.id, { password: 'a new long password' });
    expect(await live(member.id, laptop)).toBe(member.id);
    expect(await live(member.id, phone)).toBeNull();

    // The owner changes the member's role: every session of the member ends; the owner's stays.
    await updateAdmin(db, { ...owner, sessionId: ownersOwn }, member.id, { role: 'viewer' });
    expect(await live(member.id, laptop)).toBeNull();
    expect(await live(owner.id, ownersOwn)).toBe(owner.id);

    // A name change ends nothing.
    const again = await startSession(db, member.id);
    await updateAdmin(db, { ...owner, sessionId: ownersOwn }, member.id, { name: 'Renamed' });
    expect(await live(member.id, again)).toBe(member.id);

    // Removal ends them too.
    await deleteAdmin(db, owner, member.id);
    expect(await live(member.id, again)).toBeNull();
  });
});
