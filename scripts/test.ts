import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

// `npm test`: every test, from a fresh clone. Vitest (domain tests on PGlite, and on Postgres when
// TEST_DATABASE_URL is set), then `next build`, then Playwright against the built app.
// It installs Debian's Chromium first when no browser is found and it may (root, apt-get).

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  return result.status === 0;
}

function ensureChromium(): void {
  if (process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].some((p) => fs.existsSync(p))) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    if (
      run('Install Chromium', 'sh', [
        '-c',
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      ])
    )
      return;
  }
  console.log(
    'No Chromium found for the end-to-end tests. Install it (Debian/Ubuntu: `sudo apt-get install chromium`), ' +
      'or run `npx playwright install chromium` and set CHROMIUM_PATH to its executable.',
  );
  process.exit(1);
}

type Counts = { passed: number; failed: number };

function vitestCounts(file: string): Counts {
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests };
}

function playwrightCounts(file: string): Counts {
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
}

function main(): void {
  ensureChromium();
  fs.mkdirSync('test-results', { recursive: true });
  const where = process.env.TEST_DATABASE_URL ? 'PGlite and Postgres' : 'PGlite (set TEST_DATABASE_URL to add Postgres)';
  console.log(`Databases under test: ${where}`);

  // The linter, the type checker and Prettier (npm run lint): quick, and a failure names the line.
  const lintOk = run('Lint', 'npm', ['run', 'lint']);
  const unitOk = run('Unit and integration tests', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=test-results/vitest-report.json',
  ]);
  const buildOk = run('Build the app', 'npx', ['next', 'build']);
  const e2eOk = buildOk && run('End-to-end tests', 'npx', ['playwright', 'test']);

  const counts: Counts = { passed: 0, failed: 0 };
  for (const [file, read] of [
    ['test-results/vitest-report.json', vitestCounts],
    ['test-results/e2e-report.json', playwrightCounts],
  ] as const) {
    if (!fs.existsSync(file)) continue;
    const c = read(file);
    counts.passed += c.passed;
    counts.failed += c.failed;
  }
  const ok = lintOk && unitOk && buildOk && e2eOk;
  if (!lintOk) console.log('\nLint failed (npm run lint says where).');
  if (!buildOk) console.log('\nThe build failed: end-to-end tests did not run.');
  console.log(`\n${counts.passed} passed, ${counts.failed + (ok ? 0 : counts.failed === 0 ? 1 : 0)} failed`);
  process.exit(ok ? 0 : 1);
}

main();
