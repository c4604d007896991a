import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { queryRows } from '@/lib/db/rows';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { writeEvents } from '@/lib/ingest/write-events';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/databases';
import { type Receiver, startReceiver } from '@/lib/testing/receiver';

import { createConnection } from './connections/create-connection';

// Several app processes share one Postgres: their workers must never send the same attempt twice,
// and a worker killed mid-send must not lose a delivery. Postgres only (PGlite is one process).

const script = path.resolve('lib/testing/delivery-worker-process.ts');

type Worker = { child: ChildProcess; output: string[] };

async function startWorker(url: string, leaseSeconds?: number): Promise<Worker> {
  // node itself (not the tsx wrapper), so that SIGKILL kills the worker and not only a parent.
  const child = spawn(process.execPath, ['--import', 'tsx', script, url, ...(leaseSeconds ? [String(leaseSeconds)] : [])], {
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (c: Buffer) => output.push(...c.toString('utf8').trim().split('\n')));
  child.stderr?.on('data', (c: Buffer) => process.stderr.write(c));
  const deadline = Date.now() + 30_000;
  while (!output.includes('ready')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the worker did not start: ${output.join(' ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, output };
}

async function stopWorker(worker: Worker): Promise<number> {
  const exited = new Promise((resolve) => worker.child.once('exit', resolve));
  worker.child.kill('SIGTERM');
  await exited;
  const line = worker.output.find((l) => l.startsWith('recorded '));
  return Number(line?.slice('recorded '.length) ?? NaN);
}

const events = (name: string, count: number): IngestEvent[] =>
  Array.from({ length: count }, () => ({
    messageId: randomUUID(),
    name,
    accountId: 'acme',
    userId: null,
    anonymousId: null,
    timestamp: new Date(),
    properties: {},
  }));

describe.runIf(process.env.TEST_DATABASE_URL)('delivery workers in several processes [postgres]', () => {
  let database: TestDatabase;
  let url = '';
  let receiver: Receiver;
  let environment: { id: number; timeZone: string };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    url = database.url ?? '';
    await ensureBuiltInEnvironments(database.db);
    const production = await getEnvironmentBySlug(database.db, 'production');
    environment = { id: production.id, timeZone: 'UTC' };
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await database?.close();
  });

  const deliveryCounts = () =>
    queryRows<{ status: string; attempts: number; n: number }>(
      database.db,
      sql`select status, attempts, count(*)::int as n from deliveries group by status, attempts order by status, attempts`,
    );

  it('two worker processes deliver 10,000 messages, each exactly once', async () => {
    await createConnection(database.db, environment.id, {
      kind: 'webhook',
      name: 'Two workers',
      url: `${receiver.url}/two`,
      eventKeys: ['load.test'],
      headers: [],
      enabled: true,
    });
    for (let i = 0; i < 10; i++) await writeEvents(database.db, environment, events('load.test', 1000));
    const workers = [await startWorker(url), await startWorker(url)];
    await receiver.waitFor(10_000, 120_000);
    const recorded = await Promise.all(workers.map(stopWorker));

    const ids = receiver.requests.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
    expect(await deliveryCounts()).toEqual([{ status: 'succeeded', attempts: 1, n: 10_000 }]);
    // Both processes took part, and between them recorded every attempt once.
    expect(recorded.every((n) => n > 0)).toBe(true);
    expect(recorded.reduce((a, b) => a + b, 0)).toBe(10_000);
  }, 180_000);

  it('a worker killed mid-send loses nothing: after a restart every pending delivery is sent', async () => {
    receiver.requests.length = 0;
    await database.db.execute(sql`delete from deliveries`);
    await database.db.execute(sql`update connections set enabled = false`);
    await createConnection(database.db, environment.id, {
      kind: 'webhook',
      name: 'Killed worker',
      url: `${receiver.url}/slow`,
      eventKeys: ['kill.test'],
      headers: [],
      enabled: true,
    });
    // A slow receiver, so that the kill lands while sends are in flight.
    receiver.reply(() => ({ status: 200, body: 'ok', delayMs: 100 }));
    await writeEvents(database.db, environment, events('kill.test', 500));
    const first = await startWorker(url, 2);
    await receiver.waitFor(50, 60_000);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const pending = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from deliveries where status = 'pending'`,
    );
    expect(pending[0]?.n).toBeGreaterThan(0);

    const second = await startWorker(url, 2);
    const deadline = Date.now() + 60_000;
    while ((await deliveryCounts()).some((c) => c.status !== 'succeeded')) {
      if (Date.now() > deadline) throw new Error(`not all delivered: ${JSON.stringify(await deliveryCounts())}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await stopWorker(second);
    const ids = new Set(receiver.requests.map((r) => r.headers['webhook-id']));
    const stored = await queryRows<{ message_id: string }>(database.db, sql`select message_id from deliveries`);
    expect(stored).toHaveLength(500);
    for (const row of stored) expect(ids.has(row.message_id)).toBe(true);
  }, 180_000);
});
