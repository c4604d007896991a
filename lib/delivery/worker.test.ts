import { randomUUID } from 'node:crypto';

import { eq } from 'drizzle-orm';
import { jwtVerify } from 'jose';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import { connections, deliveries } from '@/lib/db/schema';
import { createEnvironment } from '@/lib/environments/create-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { type TargetEnvironment, writeEvents } from '@/lib/ingest/write-events';
import { describeEachDatabase } from '@/lib/testing/databases';
import { type Receiver, startReceiver } from '@/lib/testing/receiver';

import { parseAllowList } from './address-guard';
import { createConnection } from './connections/create-connection';
import { rotateSigningSecret } from './connections/rotate-secret';
import { openSecrets, sealSecrets } from './connections/stored';
import { updateConnection } from './connections/update-connection';
import { DeliveryWorker, type WorkerOptions } from './worker';

const LOOPBACK = parseAllowList(['127.0.0.0/8']);
const event = (name: string, over: Partial<IngestEvent> = {}): IngestEvent => ({
  messageId: randomUUID(),
  name,
  accountId: 'acme',
  userId: 'u1',
  anonymousId: null,
  timestamp: new Date(),
  properties: { plan: 'pro' },
  ...over,
});

describeEachDatabase('delivering webhooks', (database) => {
  let receiver: Receiver;
  let env: TargetEnvironment;
  const db = () => database().db;
  const worker = (options: Partial<WorkerOptions> = {}) =>
    new DeliveryWorker(db(), null, { allow: LOOPBACK, retry: { schedule: [20, 20, 20], jitter: 0 }, ...options });
  /** Runs the worker until nothing is due within `ms`. */
  const drain = async (w: DeliveryWorker, ms = 300) => {
    let idleSince = Date.now();
    while (Date.now() - idleSince < ms) {
      if ((await w.drainOnce()) > 0) idleSince = Date.now();
      else await new Promise((r) => setTimeout(r, 10));
    }
  };
  const webhook = async (eventKeys: string[], over: { url?: string; secret?: string } = {}) =>
    createConnection(db(), env.id, {
      kind: 'webhook',
      name: `hook ${randomUUID().slice(0, 6)}`,
      url: over.url ?? `${receiver.url}/hook`,
      ...(over.secret ? { secret: over.secret } : {}),
      eventKeys,
      headers: [{ name: 'x-team', value: 'growth' }],
      enabled: true,
    });
  const deliveryOf = async (connectionId: string) => {
    const rows = await db().select().from(deliveries).where(eq(deliveries.connectionId, connectionId));
    expect(rows).toHaveLength(1);
    return rows[0] as typeof deliveries.$inferSelect;
  };

  beforeAll(async () => {
    await ensureBuiltInEnvironments(db());
    const created = await createEnvironment(db(), { name: `Delivery ${randomUUID().slice(0, 6)}` });
    env = { id: created.id, timeZone: 'UTC' };
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(() => {
    receiver.requests.length = 0;
    receiver.reply(() => ({ status: 200, body: 'ok' }));
  });

  it('queues a delivery with the event only for enabled connections subscribed to it', async () => {
    const subscribed = await webhook(['order.completed']);
    const other = await webhook(['order.refunded']);
    const off = await webhook(['order.completed']);
    await updateConnection(db(), env.id, off.connection.id, { enabled: false });
    await writeEvents(db(), env, [
      event('order.completed', { messageId: 'm-1' }),
      event('order.completed', { messageId: 'm-1' }),
    ]);
    const queued = await deliveryOf(subscribed.connection.id);
    expect(queued).toMatchObject({ status: 'pending', eventKey: 'order.completed', attempts: 0 });
    expect(queued.messageId).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(queued.payload).toMatchObject({
      type: 'order.completed',
      eventKey: 'order.completed',
      eventContext: { tenantId: 'acme', userId: 'u1' },
      messageId: 'm-1',
      data: { plan: 'pro' },
    });
    for (const id of [other.connection.id, off.connection.id]) {
      expect(await db().select().from(deliveries).where(eq(deliveries.connectionId, id))).toHaveLength(0);
    }
    // A repeated message id is not a new event: nothing more is queued.
    await writeEvents(db(), env, [event('order.completed', { messageId: 'm-1' })]);
    await deliveryOf(subscribed.connection.id);
    await updateConnection(db(), env.id, subscribed.connection.id, { enabled: false });
  });

  it('signs every request so the public verifiers accept it', async () => {
    const { connection, secret } = await webhook(['invoice.paid']);
    await writeEvents(db(), env, [event('invoice.paid')]);
    await drain(worker());
    const [request] = await receiver.waitFor(1);
    expect(request?.path).toBe('/hook');
    expect(request?.headers['x-team']).toBe('growth');
    const verified = new Webhook(secret as string).verify(request?.body ?? '', request?.headers ?? {});
    expect(verified).toMatchObject({ eventKey: 'invoice.paid' });
    const { payload } = await jwtVerify(request?.headers['x-webhook-secret'] ?? '', new TextEncoder().encode(secret));
    expect(payload.webhookId).toBe(request?.headers['webhook-id']);
    expect(() =>
      new Webhook(`whsec_${Buffer.from('wrong-secret-wrong').toString('base64')}`).verify(
        request?.body ?? '',
        request?.headers ?? {},
      ),
    ).toThrow();
    expect(await deliveryOf(connection.id)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      lastResponseCode: 200,
      lastResponseExcerpt: 'ok',
    });
    await updateConnection(db(), env.id, connection.id, { enabled: false });
  });

  it('signs with both secrets for 24 hours after a rotation', async () => {
    const { connection, secret: oldSecret } = await webhook(['invoice.rotated']);
    const { secret: newSecret, connection: rotated } = await rotateSigningSecret(db(), env.id, connection.id);
    expect(rotated.previousSecretExpiresAt).not.toBeNull();
    await writeEvents(db(), env, [event('invoice.rotated')]);
    await drain(worker());
    const [request] = await receiver.waitFor(1);
    expect(request?.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    for (const secret of [oldSecret, newSecret])
      expect(() => new Webhook(secret as string).verify(request?.body ?? '', request?.headers ?? {})).not.toThrow();
    await updateConnection(db(), env.id, connection.id, { enabled: false });
  });

  it('retries a failing receiver with the same webhook-id until it answers 2xx', async () => {
    const { connection } = await webhook(['retry.me']);
    receiver.reply((_r, i) => (i < 2 ? { status: 500, body: 'down' } : { status: 204 }));
    await writeEvents(db(), env, [event('retry.me')]);
    await drain(worker());
    const requests = await receiver.waitFor(3);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(await deliveryOf(connection.id)).toMatchObject({ status: 'succeeded', attempts: 3, lastResponseCode: 204 });
    const [after] = await db().select().from(connections).where(eq(connections.id, connection.id));
    expect(after?.failingSince).toBeNull();
    await updateConnection(db(), env.id, connection.id, { enabled: false });
  });

  it('does not retry a 400, nor follow a redirect', async () => {
    const bad = await webhook(['bad.request']);
    receiver.reply((r) => (r.path === '/hook' ? { status: 400, body: 'no thanks' } : { status: 200 }));
    await writeEvents(db(), env, [event('bad.request')]);
    await drain(worker());
    expect(receiver.requests).toHaveLength(1);
    expect(await deliveryOf(bad.connection.id)).toMatchObject({ status: 'failed', attempts: 1, lastResponseCode: 400 });

    receiver.requests.length = 0;
    const moved = await webhook(['moved.away'], { url: `${receiver.url}/moved` });
    receiver.reply((r) =>
      r.path === '/moved' ? { status: 302, headers: { location: `${receiver.url}/elsewhere` } } : { status: 200 },
    );
    await writeEvents(db(), env, [event('moved.away')]);
    await drain(worker());
    expect(receiver.requests.map((r) => r.path)).toEqual(['/moved']);
    expect(await deliveryOf(moved.connection.id)).toMatchObject({ status: 'failed', lastResponseCode: 302 });
    for (const c of [bad, moved]) await updateConnection(db(), env.id, c.connection.id, { enabled: false });
  });

  it('honours Retry-After on a 503', async () => {
    const { connection } = await webhook(['slow.down']);
    receiver.reply(() => ({ status: 503, headers: { 'retry-after': '120' } }));
    await writeEvents(db(), env, [event('slow.down')]);
    await worker().drainOnce();
    const row = await deliveryOf(connection.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastResponseCode: 503 });
    const waitMs = (row.nextAttemptAt as Date).getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(100_000);
    expect(waitMs).toBeLessThanOrEqual(120_000);
    await updateConnection(db(), env.id, connection.id, { enabled: false });
  });

  it('times out a receiver that never answers, and retries it', async () => {
    const { connection } = await webhook(['hang.up']);
    receiver.reply(() => 'hang');
    await writeEvents(db(), env, [event('hang.up')]);
    const started = Date.now();
    await worker({ timeouts: { connectMs: 200, totalMs: 400 } }).drainOnce();
    expect(Date.now() - started).toBeLessThan(3000);
    const row = await deliveryOf(connection.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastResponseCode: null });
    expect(row.lastError).toMatch(/^timeout: no complete answer within 0.4 s/);
    await updateConnection(db(), env.id, connection.id, { enabled: false });
  });

  it('refuses a private address unless the operator allows it', async () => {
    const { connection } = await webhook(['private.target']);
    await writeEvents(db(), env, [event('private.target')]);
    await worker({ allow: [] }).drainOnce();
    expect(receiver.requests).toHaveLength(0);
    const row = await deliveryOf(connection.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.lastError).toMatch(/127\.0\.0\.1 is a loopback address/);
    // Through a host name too: "localhost" resolves to loopback and is refused as well.
    const named = await webhook(['private.named'], { url: receiver.url.replace('127.0.0.1', 'localhost') });
    await writeEvents(db(), env, [event('private.named')]);
    await worker({ allow: [] }).drainOnce();
    expect((await deliveryOf(named.connection.id)).lastError).toMatch(/loopback address/);
    expect(receiver.requests).toHaveLength(0);
    for (const c of [connection, named.connection]) await updateConnection(db(), env.id, c.id, { enabled: false });
  });

  it('records a request that cannot be built as a failed attempt, retried on the schedule, never a silent lease expiry', async () => {
    // Stored as validation never would let it: Node refuses the name when it builds the request.
    const poisoned = await webhook(['poison.header']);
    const [row] = await db().select().from(connections).where(eq(connections.id, poisoned.connection.id));
    const secrets = { ...openSecrets({ secretsEncrypted: row?.secretsEncrypted ?? null }), headers: { ' X-Evil': 'x' } };
    await db()
      .update(connections)
      .set({ secretsEncrypted: sealSecrets(secrets), config: { ...row?.config, headerNames: [' X-Evil'] } })
      .where(eq(connections.id, poisoned.connection.id));
    // And secrets this process cannot open (sealed with another SECRETS_KEY).
    const unreadable = await webhook(['poison.header']);
    await db()
      .update(connections)
      .set({ secretsEncrypted: 'sb1:deadbeef:AA:AA:AA' })
      .where(eq(connections.id, unreadable.connection.id));
    await writeEvents(db(), env, [event('poison.header')]);

    await worker({ retry: { schedule: [5_000, 5_000], jitter: 0 } }).drainOnce();
    expect(receiver.requests).toHaveLength(0);
    for (const [connection, error] of [
      [poisoned.connection, /^network: ERR_INVALID_HTTP_TOKEN: .*X-Evil/],
      [unreadable.connection, /SECRETS_KEY/],
    ] as const) {
      const delivery = await deliveryOf(connection.id);
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastResponseCode: null });
      expect(delivery.lastError).toMatch(error);
      // The retry schedule's 5 s, not the claim's 60 s lease.
      const waitMs = (delivery.nextAttemptAt as Date).getTime() - Date.now();
      expect(waitMs).toBeGreaterThan(2_000);
      expect(waitMs).toBeLessThanOrEqual(5_500);
      const [after] = await db().select().from(connections).where(eq(connections.id, connection.id));
      expect(after?.failingSince).not.toBeNull();
    }

    // Five days of such failures turn the connection off, like any other failure.
    await db()
      .update(connections)
      .set({ failingSince: new Date(Date.now() - 6 * 86_400_000) })
      .where(eq(connections.id, poisoned.connection.id));
    await db().update(deliveries).set({ nextAttemptAt: new Date() }).where(eq(deliveries.connectionId, poisoned.connection.id));
    await worker().drainOnce();
    const [off] = await db().select().from(connections).where(eq(connections.id, poisoned.connection.id));
    expect(off).toMatchObject({ enabled: false, disabledReason: 'every delivery failed for 5 days' });
    expect(await deliveryOf(poisoned.connection.id)).toMatchObject({ attempts: 2, lastResponseCode: null });
    await db().update(connections).set({ enabled: false }).where(eq(connections.id, unreadable.connection.id));
  });

  it('turns the connection off when the receiver answers 410', async () => {
    const { connection } = await webhook(['gone.away']);
    receiver.reply(() => ({ status: 410 }));
    const disabled: string[] = [];
    await writeEvents(db(), env, [event('gone.away')]);
    await worker({ onConnectionDisabled: (_d, reason) => void disabled.push(reason) }).drainOnce();
    const [row] = await db().select().from(connections).where(eq(connections.id, connection.id));
    expect(row).toMatchObject({ enabled: false, disabledReason: 'the receiver answered 410 Gone' });
    expect(disabled).toEqual(['the receiver answered 410 Gone']);
  });

  it('turns a connection off after five days of failures', async () => {
    const { connection } = await webhook(['always.failing']);
    await db()
      .update(connections)
      .set({ failingSince: new Date(Date.now() - 6 * 86_400_000) })
      .where(eq(connections.id, connection.id));
    receiver.reply(() => ({ status: 500 }));
    await writeEvents(db(), env, [event('always.failing')]);
    await worker().drainOnce();
    const [row] = await db().select().from(connections).where(eq(connections.id, connection.id));
    expect(row).toMatchObject({ enabled: false, disabledReason: 'every delivery failed for 5 days' });
  });
});
