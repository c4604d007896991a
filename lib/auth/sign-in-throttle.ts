import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import ipaddr from 'ipaddr.js';

import type { Db, Queryable } from '@/lib/db/client';
import { signInFailures, signInThrottles } from '@/lib/db/schema';

// Password guessing is slowed per client address and per email tried from a client address:
// past a few failures each further one locks the key for twice as long as the last (1 s, 2 s,
// 4 s … up to 15 minutes), and failures are forgotten after an hour without one. A lock is never
// per email alone: then anyone could lock the owner out by failing on purpose. Guesses spread
// over many addresses are slowed by the password rules (12 characters, scrypt) instead, and
// owners see them in the list of failed sign-ins. The state is in the database, so every
// process on one Postgres counts the same failures.
//
// An attempt is counted before its password is checked and taken back if it succeeds, so a
// burst of parallel guesses cannot slip past the count while their hashes are computed.

export const SIGN_IN_LIMITS = {
  /** Failures of one email from one client before it is locked. */
  perEmailAndClient: 5,
  /** Failures from one client, whatever the email, before it is locked. */
  perClient: 20,
  firstLockSeconds: 1,
  maxLockSeconds: 15 * 60,
  forgetAfterSeconds: 60 * 60,
};

const FAILURES_KEPT_DAYS = 30;

export type SignInAttempt = { email: string; clientAddress: string };
export type Gate = { ok: true } | { ok: false; retryAfterSeconds: number };

type ThrottleKey = { key: string; threshold: number };

/**
 * The client a throttle counts: its IPv4 address, or the /64 network of its IPv6 address — one
 * subscriber or host usually holds a whole /64, and each of its addresses must not bring a fresh
 * allowance of guesses.
 */
export function throttledClient(address: string): string {
  if (!ipaddr.IPv6.isValid(address)) return address;
  const parts = ipaddr.IPv6.parse(address).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
}

function keysOf(attempt: SignInAttempt): { client: ThrottleKey; emailAndClient: ThrottleKey; all: ThrottleKey[] } {
  const email = attempt.email.trim().toLowerCase();
  const from = throttledClient(attempt.clientAddress);
  const client = { key: `client:${from}`, threshold: SIGN_IN_LIMITS.perClient };
  const emailAndClient = {
    key: `email:${email}|client:${from}`,
    threshold: SIGN_IN_LIMITS.perEmailAndClient,
  };
  return { client, emailAndClient, all: [client, emailAndClient].sort((a, b) => a.key.localeCompare(b.key)) };
}

function lockFor(failures: number, threshold: number): number | null {
  if (failures < threshold) return null;
  return Math.min(SIGN_IN_LIMITS.firstLockSeconds * 2 ** (failures - threshold), SIGN_IN_LIMITS.maxLockSeconds);
}

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/** Without counting anything: is this attempt locked out, and for how long? */
export async function signInLock(db: Queryable, attempt: SignInAttempt, now = new Date()): Promise<Gate> {
  const keys = keysOf(attempt).all.map((k) => k.key);
  const rows = await db.select().from(signInThrottles).where(inArray(signInThrottles.key, keys));
  const until = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > now);
  if (until.length === 0) return { ok: true };
  return { ok: false, retryAfterSeconds: secondsUntil(new Date(Math.max(...until.map((d) => d.getTime()))), now) };
}

/**
 * Counts an attempt as a failure in advance, unless a key is locked: then nothing is counted (a
 * lock ends when it says, however often it is knocked on) and the answer says how long to wait.
 */
export async function beginSignInAttempt(db: Db, attempt: SignInAttempt, now = new Date()): Promise<Gate> {
  const keys = keysOf(attempt).all;
  return db.transaction(async (tx) => {
    await tx
      .insert(signInThrottles)
      .values(keys.map((k) => ({ key: k.key })))
      .onConflictDoNothing();
    // Locked in key order, so that two attempts never wait on each other's rows crosswise.
    const rows = await tx
      .select()
      .from(signInThrottles)
      .where(
        inArray(
          signInThrottles.key,
          keys.map((k) => k.key),
        ),
      )
      .orderBy(asc(signInThrottles.key))
      .for('update');
    const locked = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > now);
    if (locked.length > 0) {
      return { ok: false, retryAfterSeconds: secondsUntil(new Date(Math.max(...locked.map((d) => d.getTime()))), now) };
    }
    for (const row of rows) {
      const threshold = keys.find((k) => k.key === row.key)?.threshold ?? SIGN_IN_LIMITS.perEmailAndClient;
      const forgotten =
        row.lastFailureAt === null || now.getTime() - row.lastFailureAt.getTime() > SIGN_IN_LIMITS.forgetAfterSeconds * 1000;
      const failures = forgotten ? 1 : row.failures + 1;
      const lock = lockFor(failures, threshold);
      await tx
        .update(signInThrottles)
        .set({ failures, lastFailureAt: now, lockedUntil: lock === null ? null : new Date(now.getTime() + lock * 1000) })
        .where(eq(signInThrottles.key, row.key));
    }
    return { ok: true };
  });
}

/**
 * The password was right: the attempt counted in advance is taken back. The email's count from
 * this client starts again; the client's own count loses this one attempt.
 */
export async function signInSucceeded(db: Queryable, attempt: SignInAttempt): Promise<void> {
  const { client, emailAndClient } = keysOf(attempt);
  await db.delete(signInThrottles).where(eq(signInThrottles.key, emailAndClient.key));
  await db
    .update(signInThrottles)
    .set({
      failures: sql`greatest(${signInThrottles.failures} - 1, 0)`,
      lockedUntil: sql`case when ${signInThrottles.failures} - 1 < ${client.threshold} then null else ${signInThrottles.lockedUntil} end`,
    })
    .where(eq(signInThrottles.key, client.key));
}

export type FailedSignIn = typeof signInFailures.$inferSelect;
export type FailureReason = 'password' | 'unknown';

/**
 * Notes a failed sign-in for owners to see (entries older than 30 days are forgotten), and starts
 * the lock this attempt set, if any, from now: the wrong answer, not the attempt's start (its
 * password check takes a while), begins the wait.
 */
export async function recordFailedSignIn(
  db: Queryable,
  attempt: SignInAttempt & { reason: FailureReason },
  now = new Date(),
): Promise<void> {
  await db
    .update(signInThrottles)
    .set({
      lockedUntil: sql`greatest(${signInThrottles.lockedUntil}, ${now.toISOString()}::timestamptz + (${signInThrottles.lockedUntil} - ${signInThrottles.lastFailureAt}))`,
    })
    .where(
      and(
        inArray(
          signInThrottles.key,
          keysOf(attempt).all.map((k) => k.key),
        ),
        isNotNull(signInThrottles.lockedUntil),
        isNotNull(signInThrottles.lastFailureAt),
      ),
    );
  await db.insert(signInFailures).values({
    at: now,
    email: attempt.email.trim().toLowerCase().slice(0, 320),
    clientAddress: attempt.clientAddress,
    reason: attempt.reason,
  });
  await db.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - FAILURES_KEPT_DAYS * 86_400_000)));
}

/** The latest failed sign-ins, newest first. */
export async function listFailedSignIns(db: Queryable, limit = 100): Promise<FailedSignIn[]> {
  return db.select().from(signInFailures).orderBy(desc(signInFailures.at), desc(signInFailures.id)).limit(limit);
}
