import { spawn } from 'node:child_process';

import { expect, test } from '@playwright/test';

import { pgliteDataDir } from './helpers';

// Runs in the PGlite project only (playwright.config.ts): only the embedded database has a data folder.
test('a second copy on the same data folder stops with a clear message; the first keeps working', async ({ request }) => {
  const second = spawn('npx', ['tsx', 'server.ts'], {
    env: { ...process.env, DATA_DIR: pgliteDataDir, PORT: '3199', HOST: '127.0.0.1', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  second.stdout.on('data', (chunk) => (output += chunk));
  second.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));

  expect(code).toBe(1);
  expect(output).toContain(`The data folder ${pgliteDataDir} is in use by process`);
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ database: { status: 'up', driver: 'pglite' } });
});
