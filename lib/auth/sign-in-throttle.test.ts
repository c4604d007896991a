import { expect, it } from 'vitest';

import { describeEachDatabase } from '@/lib/testing/databases';

import {
  beginSignInAttempt,
  listFailedSignIns,
  recordFailedSignIn,
  SIGN_IN_LIMITS,
  signInLock,
  signInSucceeded,
  throttledClient,
} from './sign-in-throttle';

describeEachDatabase('sign-in throttling', (database) => {
  const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

  it('locks an email tried from one client after 5 failures, doubling each time, and unlocks by time', async () => {
    const { db } = database();
    const attacker = { email: 'owner@example.com', clientAddress: '203.0.113.7' };
    const t0 = new Date('2026-12-01T10:00:00Z');
    for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndClient; i++) {
      expect(await beginSignInAttempt(db, attacker, at(t0, i))).toEqual({ ok: true });
    }
    // The fifth failure locked it for 1 s; knocking meanwhile does not extend the lock.
    const t5 = at(t0, 4);
    expect(await beginSignInAttempt(db, attacker, at(t5, 0.5))).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(await signInLock(db, attacker, at(t5, 0.5))).toEqual({ ok: false, retryAfterSeconds: 1 });
    // Unlocked by time; the next failure locks it for 2 s, then 4 s.
    expect(await beginSignInAttempt(db, attacker, at(t5, 1))).toEqual({ ok: true });
    expect(await signInLock(db, attacker, at(t5, 1))).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(await beginSignInAttempt(db, attacker, at(t5, 3))).toEqual({ ok: true });
    expect(await signInLock(db, attacker, at(t5, 3))).toEqual({ ok: false, retryAfterSeconds: 4 });

    // The right password from another client is not held back by the attacker's failures.
    const owner = { email: 'owner@example.com', clientAddress: '198.51.100.20' };
    expect(await signInLock(db, owner, at(t5, 3))).toEqual({ ok: true });
    expect(await beginSignInAttempt(db, owner, at(t5, 3))).toEqual({ ok: true });
    await signInSucceeded(db, owner);
    expect(await signInLock(db, owner, at(t5, 3))).toEqual({ ok: true });
  });

  it('starts a lock from the wrong answer, not from when its attempt began', async () => {
    const { db } = database();
    const attacker = { email: 'slow-check@example.com', clientAddress: '203.0.113.8' };
    const t0 = new Date('2026-06-01T11:00:00Z');
    for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndClient; i++)
      expect((await beginSignInAttempt(db, attacker, at(t0, i))).ok).toBe(true);
    // The fifth attempt began at t0 + 4 s and locked for 1 s; its password check answered 0.8 s later.
    await recordFailedSignIn(db, { ...attacker, reason: 'password' }, at(t0, 4.8));
    expect(await signInLock(db, attacker, at(t0, 5.5))).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(await signInLock(db, attacker, at(t0, 5.8))).toEqual({ ok: true });
  });

  it('locks a client that fails for many emails, up to 15 minutes, and forgets after an hour', async () => {
    const { db } = database();
    const t0 = new Date('2026-12-01T12:00:00Z');
    const from = (i: number) => ({ email: `guess${i}@example.com`, clientAddress: '192.0.2.99' });
    for (let i = 0; i < SIGN_IN_LIMITS.perClient; i++) expect((await beginSignInAttempt(db, from(i), at(t0, i))).ok).toBe(true);
    expect(await signInLock(db, from(100), at(t0, 19.5))).toEqual({ ok: false, retryAfterSeconds: 1 });
    let now = at(t0, 20);
    for (let i = 0; i < 15; i++) {
      const lock = await signInLock(db, from(200 + i), now);
      now = at(now, lock.ok ? 0 : lock.retryAfterSeconds);
      expect((await beginSignInAttempt(db, from(200 + i), now)).ok).toBe(true);
    }
    expect(await signInLock(db, from(300), now)).toEqual({ ok: false, retryAfterSeconds: SIGN_IN_LIMITS.maxLockSeconds });
    // An hour after the last failure, the count starts again.
    const later = at(now, SIGN_IN_LIMITS.forgetAfterSeconds + SIGN_IN_LIMITS.maxLockSeconds + 1);
    expect(await beginSignInAttempt(db, from(400), later)).toEqual({ ok: true });
    expect(await signInLock(db, from(401), later)).toEqual({ ok: true });
  });

  it('does not let a burst of parallel guesses past the count', async () => {
    const { db } = database();
    const attempt = { email: 'burst@example.com', clientAddress: '203.0.113.50' };
    const now = new Date('2026-12-01T14:00:00Z');
    const gates = await Promise.all(Array.from({ length: 30 }, () => beginSignInAttempt(db, attempt, now)));
    expect(gates.filter((g) => g.ok)).toHaveLength(SIGN_IN_LIMITS.perEmailAndClient);
  });

  it('takes back the attempt of a sign-in that succeeded', async () => {
    const { db } = database();
    const attempt = { email: 'forgetful@example.com', clientAddress: '203.0.113.60' };
    const now = new Date('2026-12-01T15:00:00Z');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndClient - 1; i++) await beginSignInAttempt(db, attempt, now);
      expect(await beginSignInAttempt(db, attempt, now)).toEqual({ ok: true });
      // The fifth was the right password: the email starts again from this client.
      await signInSucceeded(db, attempt);
      expect(await signInLock(db, attempt, now)).toEqual({ ok: true });
    }
  });

  it('lists failed sign-ins newest first and forgets them after 30 days', async () => {
    const { db } = database();
    await recordFailedSignIn(
      db,
      { email: 'Old@Example.com', clientAddress: '10.0.0.1', reason: 'password' },
      new Date('2026-10-01T00:00:00Z'),
    );
    await recordFailedSignIn(
      db,
      { email: 'a@example.com', clientAddress: '10.0.0.2', reason: 'unknown' },
      new Date('2026-11-20T00:00:00Z'),
    );
    await recordFailedSignIn(
      db,
      { email: 'B@example.com', clientAddress: '10.0.0.3', reason: 'password' },
      new Date('2026-11-21T00:00:00Z'),
    );
    const list = await listFailedSignIns(db);
    expect(list.map((f) => [f.email, f.clientAddress, f.reason])).toEqual([
      ['b@example.com', '10.0.0.3', 'password'],
      ['a@example.com', '10.0.0.2', 'unknown'],
    ]);
  });

  it('counts the addresses of one IPv6 /64 as one client', async () => {
    const { db } = database();
    expect(throttledClient('2001:db8:1:2:aaaa::1')).toBe(throttledClient('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(throttledClient('203.0.113.9')).toBe('203.0.113.9');
    const now = new Date('2026-12-01T16:00:00Z');
    for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndClient; i++) {
      expect((await beginSignInAttempt(db, { email: 'v6@example.com', clientAddress: `2001:db8:9:9::${i + 1}` }, now)).ok).toBe(
        true,
      );
    }
    expect((await beginSignInAttempt(db, { email: 'v6@example.com', clientAddress: '2001:db8:9:9::ff' }, now)).ok).toBe(false);
    expect((await beginSignInAttempt(db, { email: 'v6@example.com', clientAddress: '2001:db8:9:a::1' }, now)).ok).toBe(true);
  });
});
