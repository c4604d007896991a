import { request } from 'node:http';

import { Analytics } from '@segment/analytics-node';
import { and, count, eq } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';

import { accounts, events, users } from '@/lib/db/schema';
import { createEnvironment } from '@/lib/environments/create-environment';
import { deleteEnvironment } from '@/lib/environments/delete-environment';
import { describeEachDatabase } from '@/lib/testing/databases';
import { startIngestServer, useIngestServer } from '@/lib/testing/ingest-server';
import { createWriteKey } from '@/lib/write-keys/create-write-key';
import { revokeWriteKey } from '@/lib/write-keys/revoke-write-key';

describeEachDatabase('the Segment-compatible ingest API', (database) => {
  const ingest = useIngestServer(database, 'development');

  const post = (path: string, body: unknown, auth: string | null = `Bearer ${ingest.key}`) =>
    fetch(`${ingest.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const eventCount = async () => {
    const [row] = await database().db.select({ n: count() }).from(events).where(eq(events.environmentId, ingest.environmentId));
    return row?.n ?? 0;
  };

  it('accepts the official @segment/analytics-node client, unchanged, pointed at this host', async () => {
    const analytics = new Analytics({
      writeKey: ingest.key,
      host: ingest.url,
      path: '/v1/batch',
      flushInterval: 50,
      maxRetries: 0,
    });
    analytics.identify({ userId: 'segment-user', traits: { email: 'seg@example.com' } });
    analytics.group({ userId: 'segment-user', groupId: 'segment-co', traits: { name: 'Segment Co' } });
    analytics.track({ userId: 'segment-user', event: 'frontegg.user.authenticated', properties: { method: 'password' } });
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));
    await analytics.closeAndFlush();
    expect(errors).toEqual([]);

    const { db } = database();
    const stored = await db
      .select()
      .from(events)
      .where(and(eq(events.environmentId, ingest.environmentId), eq(events.userId, 'segment-user')));
    expect(stored.map((e) => e.name).sort()).toEqual(['frontegg.user.authenticated', 'group', 'identify']);
    // The track call named no account: it belongs to the user's group.
    expect(stored.find((e) => e.name === 'frontegg.user.authenticated')?.accountId).toBe('segment-co');
    const [user] = await db
      .select()
      .from(users)
      .where(and(eq(users.environmentId, ingest.environmentId), eq(users.userId, 'segment-user')));
    expect(user?.traits).toEqual({ email: 'seg@example.com' });
    const [account] = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.environmentId, ingest.environmentId), eq(accounts.accountId, 'segment-co')));
    expect(account?.traits).toEqual({ name: 'Segment Co' });
  });

  it('takes the key as basic-auth user or bearer token, on /api/v1/<type> too', async () => {
    const basic = `Basic ${Buffer.from(`${ingest.key}:`).toString('base64')}`;
    expect((await post('/api/v1/track', { userId: 'u', event: 'basic.auth' }, basic)).status).toBe(200);
    expect((await post('/api/v1/identify', { userId: 'u', traits: { a: 1 } })).status).toBe(200);
    expect((await post('/api/v1/page', { anonymousId: 'anon', name: 'Home' })).status).toBe(200);
  });

  it('serves ingestion only on its own port (INGEST_PORT): health answers, any other path is a 404 saying so', async () => {
    const health = await fetch(`${ingest.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { status: 'up' } });
    for (const path of ['/signals', '/api/environments', '/v1/unknown']) {
      const response = await fetch(`${ingest.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/serves ingestion only/);
    }
    expect((await fetch(`${ingest.url}/v1/track`, { method: 'OPTIONS' })).status).toBe(204);
  });

  it('refuses a missing, unknown or revoked key with 401', async () => {
    const missing = await post('/v1/track', { userId: 'u', event: 'x' }, null);
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.code).toBe('unauthorized');
    expect((await post('/v1/track', { userId: 'u', event: 'x' }, 'Bearer sbk_nope')).status).toBe(401);

    const { db } = database();
    const revoked = await createWriteKey(db, {
      environmentId: ingest.environmentId,
      createdBy: null,
      input: { name: 'to revoke' },
    });
    await revokeWriteKey(db, { environmentId: ingest.environmentId, id: revoked.writeKey.id });
    expect((await post('/v1/track', { userId: 'u', event: 'x' }, `Bearer ${revoked.key}`)).status).toBe(401);
  });

  it('answers 401 and writes nothing once the key’s environment is deleted, even with the key still cached', async () => {
    const { db } = database();
    const doomed = await createEnvironment(db, { name: 'Doomed' });
    const { key } = await createWriteKey(db, { environmentId: doomed.id, createdBy: null, input: { name: 'k' } });
    expect((await post('/v1/track', { userId: 'u', event: 'x' }, `Bearer ${key}`)).status).toBe(200);
    await deleteEnvironment(db, doomed.slug);
    const after = await post('/v1/track', { userId: 'u', event: 'x' }, `Bearer ${key}`);
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe('unauthorized');
    const [left] = await db.select({ n: count() }).from(events).where(eq(events.environmentId, doomed.id));
    expect(left?.n).toBe(0);
  });

  it('names every bad field and writes nothing of a rejected batch', async () => {
    const before = await eventCount();
    const response = await post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'u', event: 'fine' },
        { type: 'track', userId: 'u' },
        { type: 'track', event: 'no.user' },
        { type: 'teleport', userId: 'u' },
        { type: 'track', userId: 'u', event: 'future', timestamp: '2999-01-01T00:00:00Z' },
        { type: 'track', userId: 'u', event: 'bad.time', timestamp: 'yesterday' },
      ],
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'batch.1.event',
      'batch.2.userId',
      'batch.3.type',
      'batch.4.timestamp',
      'batch.5.timestamp',
    ]);
    expect(await eventCount()).toBe(before);
  });

  it('refuses the product’s own event names (signal., cohort., alert., connection., delivery.) in any case, and writes nothing', async () => {
    const before = await eventCount();
    for (const event of [
      'signal.riskForAbandonment',
      ' Signal.x',
      'COHORT.membersAdded',
      'alert.fired',
      'connection.off',
      'delivery.failed',
    ]) {
      const response = await post('/v1/track', { userId: 'u', event, properties: { tenantId: 'acme' } });
      expect(response.status, event).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(['event']);
    }
    const batch = await post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'u', event: 'fine' },
        { type: 'identify', userId: 'u', traits: { a: 1 } },
        { type: 'group', userId: 'u', groupId: 'acme' },
        { type: 'track', userId: 'u', event: 'signal.engagementLevel', context: { groupId: 'acme' } },
      ],
    });
    expect(batch.status).toBe(400);
    const body = await batch.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(['batch.3.event']);
    expect(await eventCount()).toBe(before);

    // Names that only resemble them are anyone's; a page's or screen's name never becomes an event name.
    expect((await post('/v1/track', { userId: 'u', event: 'signals.viewed' })).status).toBe(200);
    expect(
      (await post('/v1/page', { userId: 'u', name: 'signal.riskForAbandonment', messageId: 'page-named-signal' })).status,
    ).toBe(200);
    const [page] = await database()
      .db.select()
      .from(events)
      .where(and(eq(events.environmentId, ingest.environmentId), eq(events.messageId, 'page-named-signal')));
    expect([page?.name, page?.properties.name]).toEqual(['page', 'signal.riskForAbandonment']);
  });

  it('answers malformed JSON, non-objects and empty batches with 400', async () => {
    expect((await post('/v1/track', '{"userId": "u", ')).status).toBe(400);
    expect((await post('/v1/track', '[1,2]')).status).toBe(400);
    expect((await post('/v1/batch', { batch: [] })).status).toBe(400);
    const nul = await post('/v1/track', { userId: 'u', event: 'x', properties: { bad: 'a\u0000b' } });
    expect(nul.status).toBe(400);
    expect((await nul.json()).error.issues[0].path).toBe('properties.bad');
  });

  it('answers 413 past 32 KB an event and 500 KB a batch, naming the limit', async () => {
    const big = 'x'.repeat(33 * 1024);
    const single = await post('/v1/track', { userId: 'u', event: 'big', properties: { big } });
    expect(single.status).toBe(413);
    expect((await single.json()).error.message).toMatch(/32 KB/);
    const inBatch = await post('/v1/batch', { batch: [{ type: 'track', userId: 'u', event: 'big', properties: { big } }] });
    expect(inBatch.status).toBe(413);
    expect((await inBatch.json()).error.message).toMatch(/^batch\.0 is larger than 32 KB/);
    const hugeBatch = Array.from({ length: 20 }, () => ({
      type: 'track',
      userId: 'u',
      event: 'e',
      properties: { p: 'y'.repeat(30 * 1024) },
    }));
    const tooBig = await post('/v1/batch', { batch: hugeBatch });
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error.message).toMatch(/500 KB/);
  });

  it('stores a retried message id once and still answers 200', async () => {
    const message = { userId: 'u', event: 'retried', messageId: 'fixed-message-id-1' };
    expect((await post('/v1/track', message)).status).toBe(200);
    expect((await post('/v1/track', message)).status).toBe(200);
    const rows = await database()
      .db.select()
      .from(events)
      .where(and(eq(events.environmentId, ingest.environmentId), eq(events.messageId, 'fixed-message-id-1')));
    expect(rows).toHaveLength(1);
  });

  it('rate-limits a write key with 429 and Retry-After', async () => {
    const limited = await startIngestServer(database(), { rateLimit: 5 });
    try {
      const batch = Array.from({ length: 10 }, (_, i) => ({
        type: 'track',
        userId: 'u',
        event: 'limited',
        messageId: `rl-${i}`,
      }));
      const send = () =>
        fetch(`${limited.url}/v1/batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ingest.key}` },
          body: JSON.stringify({ batch }),
        });
      expect((await send()).status).toBe(200);
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });

  it('refuses a sender with an unknown key in the header before reading its body, and cuts an upload that never ends', async () => {
    const url = new URL(`${ingest.url}/v1/batch`);
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { authorization: 'Bearer not-a-key', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      // A first chunk, and then nothing: the body is never finished.
      req.write('{"batch":[');
    });
    expect(status).toBe(401);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says nothing of the database when a client hangs up halfway through its body', async () => {
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
    try {
      const url = new URL(`${ingest.url}/v1/track`);
      await new Promise<void>((resolve) => {
        const req = request({
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { authorization: `Bearer ${ingest.key}`, 'content-length': '1000' },
        });
        req.on('error', () => resolve());
        req.write('{"userId":"u","event":"half');
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 100);
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      spy.mockRestore();
    }
    expect(logged.filter((line) => /database/i.test(line))).toEqual([]);
  });

  it("keeps Frontegg's message ids for Frontegg: a write key cannot claim one first", async () => {
    const response = await post('/v1/track', { userId: 'u', event: 'harmless', messageId: 'Frontegg:evt-123' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe('messageId');
  });
});
