import fs from 'node:fs';

import { defineConfig } from '@playwright/test';

// The suite runs against the built app (`next build` first), once per database: embedded PGlite
// always, and Postgres when TEST_DATABASE_URL is set. Each target has its own server and a fresh
// database; its "first-run" project walks the setup page before the other specs sign in.

// E2E_PORT_BASE moves both servers (default 3101 and 3102), for a second checkout's run beside the first.
const base = Number(process.env.E2E_PORT_BASE ?? 3101);
const targets = [
  { name: 'pglite', port: base },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', port: base + 1 }] : []),
];

// Debian's Chromium when present (this project's machines and CI); otherwise Playwright's own
// browser, installed with `npx playwright install chromium`.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: targets.length,
  forbidOnly: true,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Its own folder: Playwright empties outputDir at start, and test-results/ also holds Vitest's report.
  outputDir: 'test-results/e2e',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? systemChromium,
      // The machine's network is closed: Chromium's background traffic only produces errors.
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: targets.flatMap((t) => {
    const use = { baseURL: `http://127.0.0.1:${t.port}` };
    return [
      { name: `${t.name}-first-run`, testMatch: /first-run\.setup\.ts/, use },
      {
        name: t.name,
        testMatch: /\.spec\.ts/,
        // Only the embedded database has a data folder to lock, and jobs that hold up its process.
        testIgnore: t.name === 'pglite' ? undefined : /data-folder-lock|embedded-responsiveness/,
        dependencies: [`${t.name}-first-run`],
        use,
      },
    ];
  }),
  webServer: targets.map((t) => ({
    command: `npx tsx scripts/e2e-server.ts ${t.name} ${t.port}`,
    url: `http://127.0.0.1:${t.port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
  })),
});
