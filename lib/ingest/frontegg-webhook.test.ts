import { and, eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { beforeAll, expect, it, vi } from 'vitest';

import { accounts, events, users } from '@/lib/db/schema';
import { createEnvironment } from '@/lib/environments/create-environment';
import { deleteEnvironment } from '@/lib/environments/delete-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { setFronteggSecret } from '@/lib/environments/frontegg-secret';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { describeEachDatabase } from '@/lib/testing/databases';
import { connectionRefused } from '@/lib/testing/failures';

import { fronteggWebhookRoute, receiveFronteggWebhook } from './frontegg-webhook';
import { GroupCommitWriter } from './group-commit';

const SECRET = 'frontegg-hook-secret-123';
const sign = (secret = SECRET) =>
  new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(new TextEncoder().encode(secret));
const MINUTE = 60;
/** A token with iat and exp these many seconds from now (each left out when undefined). */
const signAt = ({ iat, exp }: { iat?: number; exp?: number }) => {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ webhookId: 'wh-1' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
  if (iat !== undefined) jwt.setIssuedAt(now + iat);
  if (exp !== undefined) jwt.setExpirationTime(now + exp);
  return jwt.sign(new TextEncoder().encode(SECRET));
};

const body = JSON.stringify({
  eventKey: 'frontegg.user.authenticated',
  eventContext: { vendorId: 'v1', tenantId: 'tenant-42', userId: 'user-7' },
  user: { id: 'user-7', email: 'seven@example.com', name: 'Seven', tenantId: 'tenant-42' },
  tenant: { tenantId: 'tenant-42', name: 'Tenant 42' },
});

describeEachDatabase('the Frontegg webhook receiver', (database) => {
  let environmentId = 0;
  let deps: Parameters<typeof receiveFronteggWebhook>[1];
  beforeAll(async () => {
    const { db } = database();
    await ensureBuiltInEnvironments(db);
    environmentId = (await getEnvironmentBySlug(db, 'production')).id;
    await setFronteggSecret(db, 'production', SECRET);
    deps = { db: async () => db, writer: new GroupCommitWriter(async () => db) };
  });

  it('turns a signed Frontegg webhook into an event of the tenant and the user', async () => {
    const result = await receiveFronteggWebhook({ environment: 'production', signature: await sign(), body }, deps);
    expect(result.status).toBe(200);
    const { db } = database();
    const [event] = await db
      .select()
      .from(events)
      .where(and(eq(events.environmentId, environmentId), eq(events.name, 'frontegg.user.authenticated')));
    expect([event?.accountId, event?.userId]).toEqual(['tenant-42', 'user-7']);
    const [user] = await db
      .select()
      .from(users)
      .where(and(eq(users.environmentId, environmentId), eq(users.userId, 'user-7')));
    expect(user?.traits).toEqual({ email: 'seven@example.com', name: 'Seven' });
    const [account] = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.environmentId, environmentId), eq(accounts.accountId, 'tenant-42')));
    expect(account?.traits).toEqual({ name: 'Tenant 42' });

    // Frontegg retrying the same delivery is stored once.
    await receiveFronteggWebhook({ environment: 'production', signature: await sign(), body }, deps);
    const all = await db
      .select()
      .from(events)
      .where(and(eq(events.environmentId, environmentId), eq(events.name, 'frontegg.user.authenticated')));
    expect(all).toHaveLength(1);
  });

  it('refuses a missing or wrong signature, an unconfigured environment, and a body without eventKey', async () => {
    expect((await receiveFronteggWebhook({ environment: 'production', signature: undefined, body }, deps)).status).toBe(401);
    expect(
      (await receiveFronteggWebhook({ environment: 'production', signature: await sign('another-secret'), body }, deps)).status,
    ).toBe(401);
    expect((await receiveFronteggWebhook({ environment: 'production', signature: 'not-a-jwt', body }, deps)).status).toBe(401);
    expect((await receiveFronteggWebhook({ environment: 'development', signature: await sign(), body }, deps)).status).toBe(401);
    expect((await receiveFronteggWebhook({ environment: 'nope', signature: await sign(), body }, deps)).status).toBe(401);
    expect((await receiveFronteggWebhook({ environment: null, signature: await sign(), body }, deps)).status).toBe(400);
    const noKey = await receiveFronteggWebhook({ environment: 'production', signature: await sign(), body: '{"user":{}}' }, deps);
    expect(noKey.status).toBe(400);
    expect(noKey.body).toMatchObject({ error: { issues: [{ path: 'eventKey' }] } });
  });

  it('accepts only a fresh token: iat at most 5 minutes old (1 minute of clock skew), exp at most 5 minutes on', async () => {
    const status = async (claims: { iat?: number; exp?: number }) =>
      (await receiveFronteggWebhook({ environment: 'production', signature: await signAt(claims), body }, deps)).status;
    // A replayable token: no iat and no exp, or valid for ten years.
    expect(await status({})).toBe(401);
    expect(await status({ iat: 0, exp: 10 * 365 * 24 * 60 * MINUTE })).toBe(401);
    expect(await status({ exp: 10 * 365 * 24 * 60 * MINUTE })).toBe(401);
    // Issued too long ago, or in the future beyond the skew; expired.
    expect(await status({ iat: -10 * MINUTE })).toBe(401);
    expect(await status({ iat: -10 * MINUTE, exp: -5 * MINUTE })).toBe(401);
    expect(await status({ iat: 2 * MINUTE })).toBe(401);
    expect(await status({ exp: -2 * MINUTE })).toBe(401);
    // Fresh, as a delivery is when it arrives: iat, with or without a 5-minute exp, or exp alone;
    // a sender's clock a little behind or ahead.
    expect(await status({ iat: 0 })).toBe(200);
    expect(await status({ iat: 0, exp: 5 * MINUTE })).toBe(200);
    expect(await status({ exp: 5 * MINUTE })).toBe(200);
    expect(await status({ iat: -4 * MINUTE, exp: MINUTE })).toBe(200);
    expect(await status({ iat: 30 })).toBe(200);
  });

  it('answers an unknown environment, one without a secret, and a missing or bad token alike', async () => {
    const { db } = database();
    const unconfigured = await createEnvironment(db, { name: 'Frontegg unconfigured' });
    const answers = await Promise.all([
      receiveFronteggWebhook({ environment: 'no-such-environment', signature: await sign(), body }, deps),
      receiveFronteggWebhook({ environment: unconfigured.slug, signature: await sign(), body }, deps),
      receiveFronteggWebhook({ environment: 'production', signature: await sign('another-secret'), body }, deps),
      receiveFronteggWebhook({ environment: 'production', signature: await signAt({ iat: -10 * MINUTE }), body }, deps),
      receiveFronteggWebhook({ environment: 'production', signature: undefined, body }, deps),
    ]);
    expect(answers[0]?.status).toBe(401);
    for (const answer of answers) expect(answer).toStrictEqual(answers[0]);
  });

  it('refuses a reserved eventKey (the product’s own events) and writes nothing', async () => {
    const { db } = database();
    for (const eventKey of ['signal.riskForAbandonment', ' Cohort.membersAdded ']) {
      const forged = JSON.stringify({ eventKey, eventContext: { tenantId: 'tenant-42', userId: 'user-7' } });
      const result = await receiveFronteggWebhook({ environment: 'production', signature: await sign(), body: forged }, deps);
      expect(result.status, eventKey).toBe(400);
      expect(result.body).toMatchObject({ error: { code: 'validation_failed', issues: [{ path: 'eventKey' }] } });
    }
    const stored = await db.select().from(events).where(eq(events.environmentId, environmentId));
    expect(stored.filter((e) => /^(signal|cohort)\./i.test(e.name.trim()))).toEqual([]);
  });

  it('answers 404 and writes nothing when the environment is deleted between its lookup and the write', async () => {
    const { db } = database();
    const doomed = await createEnvironment(db, { name: 'Frontegg doomed' });
    await setFronteggSecret(db, doomed.slug, SECRET);
    const writer = new GroupCommitWriter(async () => db);
    const racing = {
      write: async (...args: Parameters<GroupCommitWriter['write']>) => {
        await deleteEnvironment(db, doomed.slug);
        return writer.write(...args);
      },
    } as unknown as GroupCommitWriter;
    const result = await receiveFronteggWebhook(
      { environment: doomed.slug, signature: await sign(), body },
      { db: async () => db, writer: racing },
    );
    expect(result.status).toBe(404);
    const left = await db.select().from(events).where(eq(events.environmentId, doomed.id));
    expect(left).toHaveLength(0);
  });

  it('stores a delivery under a message id of its own, which no write key can take first', async () => {
    const withId = JSON.stringify({
      id: 'evt-frontegg-1',
      eventKey: 'frontegg.user.invitedToTenant',
      eventContext: { tenantId: 't-1' },
    });
    expect(
      (await receiveFronteggWebhook({ environment: 'production', signature: await sign(), body: withId }, deps)).status,
    ).toBe(200);
    const [event] = await database()
      .db.select({ messageId: events.messageId })
      .from(events)
      .where(and(eq(events.environmentId, environmentId), eq(events.name, 'frontegg.user.invitedToTenant')));
    expect(event?.messageId).toBe('frontegg:evt-frontegg-1');
  });

  it('answers a NUL in the environment as it answers an unknown one', async () => {
    const nul = await receiveFronteggWebhook({ environment: 'prod\u0000uction', signature: await sign(), body }, deps);
    const unknown = await receiveFronteggWebhook({ environment: 'nowhere', signature: await sign(), body }, deps);
    expect(nul).toEqual(unknown);
  });

  it('answers 503 with Retry-After, through its route, while the database cannot be reached or the queue is full', async () => {
    const post = async (deps: Parameters<typeof fronteggWebhookRoute>[1]) => {
      const response = await fronteggWebhookRoute(
        new Request('http://localhost/api/v1/inbound/frontegg?environment=production', {
          method: 'POST',
          headers: { 'x-webhook-secret': await sign() },
          body,
        }),
        deps,
      );
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        body: (await response.json()) as unknown,
      };
    };
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const unreachable = async () => {
        throw connectionRefused();
      };
      expect(await post({ db: unreachable, writer: new GroupCommitWriter(unreachable) })).toEqual({
        status: 503,
        retryAfter: '5',
        body: { error: { code: 'unavailable', message: 'The database cannot be reached right now. Retry shortly.' } },
      });
    } finally {
      spy.mockRestore();
    }
    const { db } = database();
    expect(await post({ db: async () => db, writer: new GroupCommitWriter(async () => db, { maxQueuedEvents: 0 }) })).toEqual({
      status: 503,
      retryAfter: '1',
      body: { error: { code: 'overloaded', message: 'Busy: retry shortly.' } },
    });
  });
});
