import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';

// kill -9 of the server under sustained load loses no event that was answered 2xx: the answer
// is only sent after the commit holding the event. Runs once per database (the project's name),
// on the app's port and on INGEST_PORT (on Postgres its own process, which is the one killed; the
// app then starts it again).

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

/** The pid of the process listening on a TCP port on this machine (Linux /proc). */
function listenerPid(port: number): number | null {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(`:${hex}`) && f[3] === '0A' && f[9]) inodes.add(f[9]);
    }
  }
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        if (inode && inodes.has(inode)) return Number(pid);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
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

for (const via of ['app', 'ingest-port'] as const) {
  test(`kill -9 during sustained ingestion loses no acknowledged event (${via === 'app' ? "the app's port" : 'INGEST_PORT'})`, async ({}, testInfo) => {
    test.setTimeout(180_000);
    const kind = testInfo.project.name.startsWith('postgres') ? 'postgres' : 'pglite';
    const port = (kind === 'pglite' ? 3190 : 3192) + (via === 'app' ? 0 : 4);
    const ingestPort = port + 1;
    const url = `http://127.0.0.1:${port}`;
    const target = via === 'app' ? url : `http://127.0.0.1:${ingestPort}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      INIT_WRITE_KEYS: `production:${KEY}`,
      INGEST_RATE_LIMIT: '0',
      NODE_ENV: 'production',
      ...(via === 'ingest-port' ? { INGEST_PORT: String(ingestPort) } : {}),
    };
    const dbName = `signalboard_durability_${via.replace('-', '_')}`;
    let database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
    let dropDatabase = async () => {};
    if (kind === 'pglite') {
      const dataDir = path.resolve('.data-e2e', `durability-${via}`);
      fs.rmSync(dataDir, { recursive: true, force: true });
      database = { kind, dataDir };
      Object.assign(env, { DATA_DIR: dataDir, DATABASE_URL: '' });
    } else {
      const admin = postgres(process.env.TEST_DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${dbName} with (force)`);
      await admin.unsafe(`create database ${dbName}`);
      await admin.end();
      const dbUrl = new URL(process.env.TEST_DATABASE_URL ?? '');
      dbUrl.pathname = `/${dbName}`;
      database = { kind, url: dbUrl.toString() };
      env.DATABASE_URL = dbUrl.toString();
      dropDatabase = async () => {
        const again = postgres(process.env.TEST_DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
        await again.unsafe(`drop database if exists ${dbName} with (force)`);
        await again.end();
      };
    }

    // node itself (not npx), so that SIGKILL hits the server and nothing in between.
    const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], { env, stdio: 'ignore' });
    try {
      await waitForHealth(url, server);
      if (via === 'ingest-port') await waitForHealth(target, server);
      // On Postgres, INGEST_PORT is served by a child process: that is the one killed.
      const victim = kind === 'postgres' && via === 'ingest-port' ? listenerPid(ingestPort) : server.pid;
      expect(victim).toBeTruthy();
      if (kind === 'postgres' && via === 'ingest-port') expect(victim).not.toBe(server.pid);
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
            const response = await fetch(`${target}/v1/batch`, {
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
      process.kill(victim as number, 'SIGKILL');
      if (victim === server.pid) await new Promise((r) => server.once('exit', r));
      stop = true;
      await Promise.all(workers);

      expect(acked.length).toBeGreaterThan(500);
      expect(await countStored(database, acked)).toBe(acked.length);
      if (victim !== server.pid) {
        // The app starts its ingest process again, which takes events at once.
        await waitForHealth(target, server);
        const again = await fetch(`${target}/v1/track`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}` },
          body: JSON.stringify({ messageId: 'after-restart', userId: 'u', event: 'durability.check' }),
        });
        expect(again.status).toBe(200);
        expect(listenerPid(ingestPort)).not.toBe(victim);
        // And when the app itself is killed, its ingest process leaves too: no orphan holds the port.
        server.kill('SIGKILL');
        await new Promise((r) => server.once('exit', r));
        await expect.poll(() => listenerPid(ingestPort), { timeout: 15_000 }).toBeNull();
      }
      testInfo.annotations.push({ type: 'durability', description: `${acked.length} acknowledged of ${sent} sent; all stored` });
    } finally {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        // SIGTERM: the app stops its ingest process too.
        server.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 12_000))]);
        if (server.exitCode === null) server.kill('SIGKILL');
      }
      await dropDatabase();
    }
  });
}
