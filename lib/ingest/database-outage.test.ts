import { createHash } from 'node:crypto';

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { closeConnection, type Connection, openConnection, wrapConnection } from '@/lib/db/client';
import { checkDatabase } from '@/lib/db/health';
import { migrateConnection } from '@/lib/db/migrate';
import { events } from '@/lib/db/schema';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { createScratchPostgres } from '@/lib/testing/databases';
import { startIngestServer } from '@/lib/testing/ingest-server';
import { startTcpProxy } from '@/lib/testing/tcp-proxy';
import { createWriteKey } from '@/lib/write-keys/create-write-key';

// Postgres going away for a while (a restart, a failover): SDKs are told to come back (503 with
// Retry-After), health says so quickly, the log says what failed without the events or the key,
// and ingestion resumes when the database does. Postgres only: PGlite lives in the process.
// (ingest-doors.test.ts: the same answers from each ingest door, the database stubbed.)

describe.runIf(process.env.TEST_DATABASE_URL)('a Postgres outage', () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgres>>;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let connection: Connection;
  let server: Awaited<ReturnType<typeof startIngestServer>>;
  let key = '';
  let environmentId = 0;

  beforeAll(async () => {
    scratch = await createScratchPostgres();
    const target = new URL(scratch.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(scratch.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    connection = await openConnection({ kind: 'postgres', url: viaProxy.toString() });
    await migrateConnection(connection);
    const db = wrapConnection(connection);
    await ensureBuiltInEnvironments(db);
    environmentId = (await getEnvironmentBySlug(db, 'production')).id;
    key = (await createWriteKey(db, { environmentId, createdBy: null, input: { name: 'outage' } })).key;
    server = await startIngestServer({ kind: 'postgres', db, connection, close: async () => {} });
  });
  afterAll(async () => {
    await server?.close();
    await proxy?.start();
    if (connection) await closeConnection(connection);
    await proxy?.close();
    await scratch?.drop();
  });

  const track = (messageId: string) =>
    fetch(`${server.url}/v1/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        messageId,
        userId: 'outage-user',
        event: 'report.exported',
        properties: { secretProperty: 'do-not-log-this-value' },
        context: { groupId: 'outage-co', traits: { email: 'do-not-log@example.com' } },
      }),
    });
  const stored = async (messageId: string) =>
    wrapConnection(connection)
      .select({ id: events.messageId })
      .from(events)
      .where(and(eq(events.environmentId, environmentId), eq(events.messageId, messageId)));

  it('answers 503 with Retry-After while the database is down, logs nothing of the events or the key, and resumes after', async () => {
    expect((await track('before-outage')).status).toBe(200);
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(
        args
          .map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a)))
          .join(' '),
      );
    });
    try {
      await proxy.stop();
      // A fresh key, so the look-up goes to the database too (the cache would hide it).
      for (const messageId of ['during-outage-1', 'during-outage-2']) {
        const response = await track(messageId);
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('5');
        expect(await response.json()).toMatchObject({ error: { code: 'unavailable' } });
      }
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(503);
    } finally {
      spy.mockRestore();
    }
    const everything = logged.join('\n');
    expect(everything).toMatch(/the database cannot be reached/);
    for (const secret of [
      'do-not-log-this-value',
      'do-not-log@example.com',
      key,
      createHash('sha256').update(key).digest('hex'),
    ]) {
      expect(everything).not.toContain(secret);
    }

    await proxy.start();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await track('after-outage')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    expect(await stored('after-outage')).toHaveLength(1);
    expect(await stored('during-outage-1')).toHaveLength(0);
  });

  it('health answers within 2 s when the database does not answer at all', async () => {
    await proxy.hang();
    try {
      const started = performance.now();
      const health = await checkDatabase({ connection: async () => connection });
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(health).toMatchObject({ status: 'down' });
    } finally {
      await proxy.start();
    }
  });
});
