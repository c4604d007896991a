import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { expect, test } from '@playwright/test';

// A port another process holds stops start-up with a message naming the setting, not a stack trace.

async function startAndFail(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signalboard-port-'));
  try {
    const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', HOST: '127.0.0.1', NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout.on('data', (chunk) => (output += chunk));
    server.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => server.on('exit', resolve));
    return { code, output };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

test('PORT or INGEST_PORT in use stops start-up with a message naming it', async ({ baseURL }) => {
  test.setTimeout(120_000);
  // The suite's own server holds this port.
  const busy = new URL(baseURL ?? '').port;

  const app = await startAndFail({ PORT: busy });
  expect(app.code).toBe(1);
  expect(app.output).toContain(`Signalboard cannot start: PORT 127.0.0.1:${busy} cannot be listened on (the port is in use).`);

  const ingest = await startAndFail({ PORT: String(Number(busy) + 75), INGEST_PORT: busy });
  expect(ingest.code).toBe(1);
  expect(ingest.output).toContain(
    `Signalboard cannot start: INGEST_PORT 127.0.0.1:${busy} cannot be listened on (the port is in use).`,
  );
});
