import { and, eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { beforeAll, expect, it } from 'vitest';
import { accounts, events, users } from '@/lib/db/schema';
import { createEnvironment } from '@/lib/environments/create-environment';
import { deleteEnvironment } from '@/lib/environments/delete-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { setFronteggSecret } from '@/lib/environments/frontegg-secret';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { describeEachDatabase } from '@/lib/testing/databases';
import { receiveFronteggWebhook } from './frontegg-webhook';
import { GroupCommitWriter } from './group-commit';

const SECRET = 'frontegg-hook-secret-123';
const sign = (secret = SECRET) =>
  new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(new TextEncoder().encode(secret));

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
    expect((await receiveFronteggWebhook({ environment: 'nope', signature: await sign(), body }, deps)).status).toBe(404);
    expect((await receiveFronteggWebhook({ environment: null, signature: await sign(), body }, deps)).status).toBe(400);
    const noKey = await receiveFronteggWebhook({ environment: 'production', signature: await sign(), body: '{"user":{}}' }, deps);
    expect(noKey.status).toBe(400);
    expect(noKey.body).toMatchObject({ error: { issues: [{ path: 'eventKey' }] } });
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
});
