import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';

// kill -9 of the server under sustained load loses no event that was answered 2xx: the answer
// is only sent after the commit holding the event. Runs once per database (the project's name).

const KEY = `durability_${randomUUID().replaceAll('-', '')}`;

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  // Up to 90 s: a restart on a busy 2-core machine reopens PGlite and prepares Next.
  for (let i = 0; i < 180; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not become healthy');
}

async function countStored(
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string },
  ids: string[],
): Promise<number> {
  const json = JSON.stringify(ids);
  const query = `select count(*)::int as n from events where message_id in (select jsonb_array_elements_text($1::text::jsonb))`;
  if (database.kind === 'pglite') {
    // The killed server's lock file is stale; PGlite itself is opened directly here.
    const db = await PGlite.create(path.join(database.dataDir, 'pgdata'));
    try {
      const result = await db.query<{ n: number }>(query, [json]);
      return result.rows[0]?.n ?? 0;
    } finally {
      await db.close();
    }
  }
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql.unsafe<{ n: number }[]>(query, [json]);
    return row?.n ?? 0;
  } finally {
    await sql.end();
  }
}

test('kill -9 during sustained ingestion loses no acknowledged event', async ({}, testInfo) => {
  test.setTimeout(180_000);
  const kind = testInfo.project.name.startsWith('postgres') ? 'postgres' : 'pglite';
  const port = kind === 'pglite' ? 3190 : 3191;
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    INIT_WRITE_KEYS: `production:${KEY}`,
    INGEST_RATE_LIMIT: '0',
    NODE_ENV: 'production',
  };
  let database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  let dropDatabase = async () => {};
  if (kind === 'pglite') {
    const dataDir = path.resolve('.data-e2e', 'durability');
    fs.rmSync(dataDir, { recursive: true, force: true });
    database = { kind, dataDir };
    Object.assign(env, { DATA_DIR: dataDir, DATABASE_URL: '' });
  } else {
    const admin = postgres(process.env.TEST_DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
    await admin.unsafe('drop database if exists signalboard_durability with (force)');
    await admin.unsafe('create database signalboard_durability');
    await admin.end();
    const dbUrl = new URL(process.env.TEST_DATABASE_URL ?? '');
    dbUrl.pathname = '/signalboard_durability';
    database = { kind, url: dbUrl.toString() };
    env.DATABASE_URL = dbUrl.toString();
    dropDatabase = async () => {
      const again = postgres(process.env.TEST_DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
      await again.unsafe('drop database if exists signalboard_durability with (force)');
      await again.end();
    };
  }

  // node itself (not npx), so that SIGKILL hits the server and nothing in between.
  const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], { env, stdio: 'ignore' });
  try {
    await waitForHealth(url, server);
    const acked: string[] = [];
    let sent = 0;
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop && i < 100_000; i++) {
        const ids = Array.from({ length: 10 }, (_, j) => `dur-${w}-${i}-${j}`);
        const batch = ids.map((messageId, j) => ({
          type: 'track',
          messageId,
          userId: `u-${w}`,
          event: 'durability.check',
          context: { groupId: `acct-${j}` },
        }));
        sent += ids.length;
        try {
          const response = await fetch(`${url}/v1/batch`, {
            method: 'POST',
            headers: { authorization: `Bearer ${KEY}` },
            body: JSON.stringify({ batch }),
          });
          if (response.status === 200) acked.push(...ids);
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 16 }, (_, w) => worker(w));
    // Kill it mid-stream once enough has been acknowledged to mean something (a busy machine
    // acknowledges slowly at first), and never later than 30 s in.
    const deadline = Date.now() + 30_000;
    while (acked.length < 1_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
    stop = true;
    await Promise.all(workers);

    expect(acked.length).toBeGreaterThan(500);
    expect(await countStored(database, acked)).toBe(acked.length);
    testInfo.annotations.push({ type: 'durability', description: `${acked.length} acknowledged of ${sent} sent; all stored` });
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
    await dropDatabase();
  }
});
