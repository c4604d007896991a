import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';

import { z } from 'zod';

import { createScratchPostgres, createTempDir, DEFAULT_POSTGRES_URL, postgresAnswers } from './lib/databases';
import { REPO_ROOT, type Server, startServer } from './lib/processes';
import { formatCount, formatMs, table } from './lib/report';

// `npm run bench:embedded`: what a new user meets. The README's demo seed into a fresh app on the
// embedded database (PGlite), then its first signals evaluation ("Evaluate now"), while /api/health,
// a dashboard API (the Signals summary) and a single-event ingest are each asked every 250 ms.
// Reported: the evaluation's time and the worst, p99 and p50 latency of each probe during it (and
// during the seed). Baseline, in the same run: the same seed and evaluation on Postgres.
// Against the built app (`npm run build` first).

const flags = z.object({
  accounts: z.coerce.number().int().min(10).max(1_000_000).default(300),
  days: z.coerce.number().int().min(1).max(3650).default(120),
  events: z.coerce.number().int().min(1).optional(),
  only: z.enum(['pglite', 'postgres']).optional(),
});

const PASSWORD = 'bench password 12345';
const EMAIL = 'bench@example.com';
const PROBE_EVERY_MS = 250;
const PROBE_TIMEOUT_MS = 60_000;

type Probe = { name: string; send(): Promise<Response> };
type Latencies = Record<string, number[]>;

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;

/** Signs in through next-auth's endpoints and returns the cookies to send. */
async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) jar.set(name, value.join('='));
    }
  };
  keep(csrf);
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const answer = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader() },
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD, csrfToken, json: 'true' }),
    redirect: 'manual',
  });
  keep(answer);
  if (!answer.ok) throw new Error(`signing in answered ${answer.status}`);
  return cookieHeader();
}

/** Asks each probe every 250 ms, each on its own (a slow answer does not delay the next ask), until stopped. */
function startProbes(probes: Probe[]): { stop(): Promise<Latencies> } {
  const latencies: Latencies = Object.fromEntries(probes.map((p) => [p.name, []]));
  const pending: Promise<void>[] = [];
  const ask = (probe: Probe) => {
    const started = performance.now();
    pending.push(
      probe
        .send()
        .then((r) => r.arrayBuffer())
        .catch(() => undefined)
        .then(() => {
          latencies[probe.name]?.push(performance.now() - started);
        }),
    );
  };
  // One at once, then every 250 ms: a job shorter than the interval is still asked about.
  probes.forEach(ask);
  const timer = setInterval(() => probes.forEach(ask), PROBE_EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      return latencies;
    },
  };
}

function runSeed(url: string, key: string, options: z.infer<typeof flags>): Promise<void> {
  const args = ['--import', 'tsx', 'scripts/seed.ts', '--write-key', key, '--url', url, '--accounts', String(options.accounts)];
  args.push('--days', String(options.days), ...(options.events ? ['--events', String(options.events)] : []));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the seed failed (${code}): ${stderr.slice(-500)}`))));
  });
}

type TargetResult = {
  name: string;
  seedMs: number;
  evaluationMs: number;
  entered: number;
  duringSeed: Latencies;
  duringEvaluation: Latencies;
};

async function measure(name: 'pglite' | 'postgres', options: z.infer<typeof flags>, postgresUrl: string): Promise<TargetResult> {
  const key = `bench_${randomBytes(16).toString('hex')}`;
  const cleanup: (() => Promise<void>)[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    ADMIN_EMAIL: EMAIL,
    ADMIN_PASSWORD: PASSWORD,
    INIT_WRITE_KEYS: `production:${key}`,
    // The first tick runs on the empty database at start; the next is "Evaluate now", below.
    SIGNALS_EVERY_MINUTES: '1440',
    INGEST_RATE_LIMIT: '0',
  };
  if (name === 'pglite') {
    const dir = await createTempDir('embedded');
    cleanup.push(dir.remove);
    Object.assign(env, { DATA_DIR: dir.dir, DATABASE_URL: '' });
  } else {
    const scratch = await createScratchPostgres(postgresUrl, 'embedded');
    cleanup.push(scratch.drop);
    const dir = await createTempDir('embedded-secrets');
    cleanup.push(dir.remove);
    Object.assign(env, { DATABASE_URL: scratch.url, DATA_DIR: dir.dir });
  }
  let server: Server | undefined;
  try {
    console.log(`· ${name}: starting the app on a fresh database`);
    // APP_URL names the port the app gets: "Evaluate now" is a change, checked against it.
    server = await startServer('server.ts', (port) => ({ ...env, APP_URL: `http://127.0.0.1:${port}` }), name);
    const base = `http://127.0.0.1:${server.port}`;
    const cookie = await signIn(base);
    let ingested = 0;
    const probes: Probe[] = [
      { name: 'health', send: () => fetch(`${base}/api/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }) },
      {
        name: 'dashboard API',
        send: () =>
          fetch(`${base}/api/v1/environments/production/signals/summary?range=30d`, {
            headers: { cookie },
            signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
          }),
      },
      {
        name: 'single-event ingest',
        send: () =>
          fetch(`${base}/v1/track`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify({
              userId: 'probe',
              event: 'probe.sent',
              messageId: `probe-${ingested++}`,
              context: { groupId: 'probe' },
            }),
            signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
          }),
      },
    ];

    console.log(
      `· ${name}: the README's seed (${options.accounts} accounts, ${options.days} days), probed every ${PROBE_EVERY_MS} ms`,
    );
    let probing = startProbes(probes);
    let started = performance.now();
    await runSeed(base, key, options);
    const seedMs = performance.now() - started;
    const duringSeed = await probing.stop();

    console.log(`· ${name}: the first evaluation ("Evaluate now"), probed every ${PROBE_EVERY_MS} ms`);
    probing = startProbes(probes);
    started = performance.now();
    const evaluated = await fetch(`${base}/api/v1/environments/production/signals/evaluate`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/json' },
      body: '{}',
    });
    const evaluationMs = performance.now() - started;
    const duringEvaluation = await probing.stop();
    if (!evaluated.ok) throw new Error(`${name}: the evaluation answered ${evaluated.status}: ${await evaluated.text()}`);
    const { result } = (await evaluated.json()) as { result: { entered: number } };
    return { name, seedMs, evaluationMs, entered: result.entered, duringSeed, duringEvaluation };
  } finally {
    await server?.stop();
    for (const step of cleanup.reverse()) await step().catch(() => {});
  }
}

function latencyRows(results: TargetResult[], during: 'duringSeed' | 'duringEvaluation') {
  const rows = [['target', 'probe', 'answers', 'p50 ms', 'p99 ms', 'worst ms']];
  for (const r of results) {
    for (const [probe, values] of Object.entries(r[during])) {
      const figure = (v: number) => (values.length ? formatMs(v) : '—');
      rows.push([
        r.name,
        probe,
        formatCount(values.length),
        figure(percentile(values, 50)),
        figure(percentile(values, 99)),
        figure(Math.max(0, ...values)),
      ]);
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { accounts: { type: 'string' }, days: { type: 'string' }, events: { type: 'string' }, only: { type: 'string' } },
  });
  const options = flags.parse(values);
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES_URL;
  console.log(`Embedded benchmark — ${new Date().toISOString()}`);
  console.log(
    `Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg()[0]?.toFixed(2)} at start`,
  );
  const targets: ('pglite' | 'postgres')[] = options.only ? [options.only] : ['pglite', 'postgres'];
  if (targets.includes('postgres') && !(await postgresAnswers(postgresUrl))) {
    throw new Error(`Postgres does not answer at ${postgresUrl} (set BENCH_DATABASE_URL, or --only pglite).`);
  }
  const results: TargetResult[] = [];
  for (const target of targets) results.push(await measure(target, options, postgresUrl));

  console.log('\nThe seed and the first evaluation\n');
  console.log(
    table([
      ['target', 'seed s', 'first evaluation ms', 'entered'],
      ...results.map((r) => [r.name, (r.seedMs / 1000).toFixed(1), formatMs(r.evaluationMs), formatCount(r.entered)]),
    ]),
  );
  console.log('\nLatency during the first evaluation (a probe every 250 ms each)\n');
  console.log(table(latencyRows(results, 'duringEvaluation')));
  console.log('\nLatency during the seed\n');
  console.log(table(latencyRows(results, 'duringSeed')));

  const pglite = results.find((r) => r.name === 'pglite');
  const postgres = results.find((r) => r.name === 'postgres');
  if (pglite) {
    const worst = Math.max(0, ...Object.values(pglite.duringEvaluation).flat());
    console.log('\nTargets (PGlite, the demo seed)\n');
    console.log(
      table([
        ['target', 'measured', ''],
        [
          'worst latency of every probe during the first evaluation ≤ 1,000 ms',
          `${formatMs(worst)} ms`,
          worst <= 1000 ? 'met' : 'MISSED',
        ],
        ['first evaluation ≤ 20,000 ms', `${formatMs(pglite.evaluationMs)} ms`, pglite.evaluationMs <= 20_000 ? 'met' : 'MISSED'],
        ...(postgres
          ? [
              [
                'first evaluation, PGlite ÷ Postgres (same run)',
                `${(pglite.evaluationMs / postgres.evaluationMs).toFixed(2)}×`,
                '',
              ],
            ]
          : []),
      ]),
    );
  }
  console.log(`\nLoad average ${os.loadavg()[0]?.toFixed(2)} at the end.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
