import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';

import { countStoredEvents, createScratchPostgres, createTempDir, DEFAULT_POSTGRES_URL, postgresAnswers } from './lib/databases';
import { ACCOUNTS, EventSource, USERS } from './lib/events';
import { load, type LoadResult } from './lib/load';
import { freePort, startServer } from './lib/processes';
import { RAW_ROWS, rawInsertPglite, rawInsertPostgres, type RawInsertResult } from './lib/raw-insert';
import { formatCount, formatMs, type Row, table } from './lib/report';

// npm run bench:ingest [-- --duration <s>] [--only pglite|postgres]
//
// Ingestion throughput of the built app (server.ts in production mode, as a child process) for
// single events and batches of 100, on PGlite and on Postgres, measured with autocannon next to
// two baselines taken in the same run — a bare node:http server and raw multi-row INSERTs — so
// that the figures read as ratios that survive a noisy machine. On Postgres, both are measured
// again through INGEST_PORT (a fresh app and database), served by a process of its own without
// Next (ingest-server.ts). See bench/RESULTS.md.

type Kind = 'pglite' | 'postgres';
const LABEL: Record<Kind, string> = { pglite: 'PGlite', postgres: 'Postgres' };

const SINGLE_CONNECTIONS = 50;
// Fewer connections for batches: each request already carries 100 events, and 10 × 100 in flight
// keeps the group-commit queue full without measuring only queueing delay.
const BATCH_CONNECTIONS = 10;
const BATCH_SIZE = 100;
const WARMUP_SECONDS = 2;

// The issue's targets, all on Postgres.
const TARGET = { singleEventsPerSecond: 5_000, singleP99Ms: 50, batchEventsPerSecond: 50_000, batchShareOfRaw: 0.5 };

const USAGE = 'Usage: npm run bench:ingest [-- --duration <seconds, 1–600>] [--only pglite|postgres]';

function usageError(message: string): never {
  console.error(`bench:ingest: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseFlags(argv: string[]): { seconds: number; kinds: Kind[] } {
  let values: { duration?: string; only?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { duration: { type: 'string' }, only: { type: 'string' } } }));
  } catch (error) {
    usageError((error as Error).message);
  }
  const seconds = values.duration === undefined ? 10 : Number(values.duration);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) {
    usageError(`--duration: expected whole seconds from 1 to 600, got "${values.duration}"`);
  }
  if (values.only !== undefined && values.only !== 'pglite' && values.only !== 'postgres') {
    usageError(`--only: expected pglite or postgres, got "${values.only}"`);
  }
  return { seconds, kinds: values.only ? [values.only] : ['pglite', 'postgres'] };
}

const step = (message: string) => console.log(`· ${message}`);

type AppFigures = { single: LoadResult; batch: LoadResult; problems: string[] };
/** The app's own port, or INGEST_PORT served by a process of its own (ingest-server.ts, Postgres). */
type Via = 'app' | 'ingest-port';

/**
 * Starts the app on a fresh database, warms each path up, measures it, stops the app, and checks
 * that the database holds every acknowledged event (and no more than were sent).
 */
async function measureApp(kind: Kind, via: Via, seconds: number, events: EventSource, postgresUrl: string): Promise<AppFigures> {
  const key = `bench_${randomBytes(24).toString('hex')}`;
  const database =
    kind === 'pglite' ? { temp: await createTempDir('app') } : { scratch: await createScratchPostgres(postgresUrl, 'app') };
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', INGEST_RATE_LIMIT: '0' };
    delete env.DATABASE_URL;
    delete env.DATA_DIR;
    env.INIT_WRITE_KEYS = `production:${key}`;
    if (database.temp) env.DATA_DIR = database.temp.dir;
    if (database.scratch) env.DATABASE_URL = database.scratch.url;
    const ingestPort = via === 'ingest-port' ? await freePort() : undefined;
    if (ingestPort) env.INGEST_PORT = String(ingestPort);
    const where = `${LABEL[kind]}${ingestPort ? ', INGEST_PORT' : ''}`;

    step(`${where}: starting the app (server.ts) on a fresh database`);
    const app = await startServer('server.ts', env, `the app on ${LABEL[kind]}`, ingestPort);
    const runs: { result: LoadResult; eventsPerRequest: number }[] = [];
    const problems: string[] = [];
    let single: LoadResult;
    let batch: LoadResult;
    try {
      const port = ingestPort ?? app.port;
      const headers = { authorization: `Bearer ${key}` };
      const run = async (path: string, connections: number, eventsPerRequest: number, body: () => string, s: number) => {
        const result = await load({ port, path, connections, seconds: s, eventsPerRequest, body, headers });
        runs.push({ result, eventsPerRequest });
        return result;
      };
      const singles = (s: number) => run('/v1/track', SINGLE_CONNECTIONS, 1, () => events.single(), s);
      const batches = (s: number) => run('/v1/batch', BATCH_CONNECTIONS, BATCH_SIZE, () => events.batch(BATCH_SIZE), s);

      step(`${where}: single events to /v1/track, -c ${SINGLE_CONNECTIONS}, ${WARMUP_SECONDS} s warm-up + ${seconds} s`);
      await singles(WARMUP_SECONDS);
      single = await singles(seconds);
      step(
        `${where}: batches of ${BATCH_SIZE} to /v1/batch, -c ${BATCH_CONNECTIONS}, ${WARMUP_SECONDS} s warm-up + ${seconds} s`,
      );
      await batches(WARMUP_SECONDS);
      batch = await batches(seconds);

      const failed = runs.filter(({ result }) => result.non2xx > 0 || result.errors > 0);
      if (failed.length > 0) {
        problems.push(
          `${where}: ${failed.map(({ result }) => `${result.non2xx} non-2xx, ${result.errors} errors`).join('; ')} ` +
            `(warm-ups included). Last output of the app:\n${app.outputTail()}`,
        );
      }
    } finally {
      step(`${where}: stopping the app`);
      await app.stop();
    }

    const acknowledged = runs.reduce((n, { result, eventsPerRequest }) => n + result.acknowledged * eventsPerRequest, 0);
    const sent = runs.reduce((n, { result, eventsPerRequest }) => n + result.sent * eventsPerRequest, 0);
    const stored = await countStoredEvents(
      database.temp ? { pgliteDataDir: database.temp.dir } : { postgresUrl: database.scratch.url },
    );
    // Requests still in flight when autocannon stops may be committed without being counted, so
    // the stored count lies between what was acknowledged and what was sent.
    const storedCheck = stored >= acknowledged && stored <= sent ? 'ok' : 'MISMATCH';
    step(
      `${where}: ${formatCount(stored)} events stored; ${formatCount(acknowledged)} acknowledged, ` +
        `${formatCount(sent)} sent (warm-ups included): ${storedCheck}`,
    );
    if (storedCheck !== 'ok') problems.push(`${where}: stored events do not match the acknowledged ones (see above).`);
    return { single, batch, problems };
  } finally {
    await database.temp?.remove();
    await database.scratch?.drop();
  }
}

function loadRow(what: string, r: LoadResult): Row {
  return [
    what,
    String(r.connections),
    formatCount(r.requestsPerSecond),
    formatCount(r.eventsPerSecond),
    formatMs(r.p50Ms),
    formatMs(r.p99Ms),
    String(r.non2xx),
    String(r.errors),
  ];
}

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

async function main(): Promise<void> {
  const { seconds, kinds } = parseFlags(process.argv.slice(2));
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES_URL;
  if (!['127.0.0.1', 'localhost'].includes(URL.canParse(postgresUrl) ? new URL(postgresUrl).hostname : '')) {
    usageError('BENCH_DATABASE_URL: expected a postgres:// URL of a server on 127.0.0.1');
  }

  const events = new EventSource();
  // Average sizes: ids and names vary a little in length from one event to the next.
  const sampleSingle = Array.from({ length: 1_000 }, () => events.single().length).reduce((a, b) => a + b) / 1_000;
  const sampleBatch = events.batch(BATCH_SIZE).length;
  console.log(`Ingest benchmark — ${new Date().toISOString()}`);
  console.log(
    `Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), ` +
      `load average ${os.loadavg()[0]?.toFixed(2)} at start`,
  );
  console.log(
    `Workload: track events of ~${Math.round(sampleSingle)} bytes from ${formatCount(USERS)} users in ${formatCount(ACCOUNTS)} accounts, ` +
      `each with a unique message id; batches of ${BATCH_SIZE} (~${Math.round(sampleBatch / 1024)} KB). ` +
      `${seconds} s per measurement after a ${WARMUP_SECONDS} s warm-up; autocannon runs in this process, servers in child processes.`,
  );

  if (kinds.includes('postgres') && !(await postgresAnswers(postgresUrl))) {
    const where = postgresUrl.replace(/\/\/[^@/]*@/, '//');
    if (kinds.length === 1) {
      console.error(`bench:ingest: Postgres at ${where} does not answer (set BENCH_DATABASE_URL).`);
      process.exit(1);
    }
    console.log(`! Postgres at ${where} does not answer: measuring PGlite only.`);
    kinds.splice(kinds.indexOf('postgres'), 1);
  }
  console.log('');

  step(
    `baseline A: plain node:http (parse + answer), single events, -c ${SINGLE_CONNECTIONS}, ${WARMUP_SECONDS} s warm-up + ${seconds} s`,
  );
  const plainServer = await startServer('bench/lib/plain-http-server.ts', process.env, 'the node:http baseline');
  let plain: LoadResult;
  try {
    const singles = (s: number) =>
      load({
        port: plainServer.port,
        path: '/v1/track',
        connections: SINGLE_CONNECTIONS,
        seconds: s,
        eventsPerRequest: 1,
        body: () => events.single(),
      });
    await singles(WARMUP_SECONDS);
    plain = await singles(seconds);
  } finally {
    await plainServer.stop();
  }

  const raw: Partial<Record<Kind, RawInsertResult>> = {};
  for (const kind of kinds) {
    step(`baseline B: raw INSERT of ${formatCount(RAW_ROWS)} rows into ${LABEL[kind]}, 500 rows a statement`);
    raw[kind] = kind === 'pglite' ? await rawInsertPglite(events) : await rawInsertPostgres(postgresUrl, events);
  }

  const app: Partial<Record<Kind, AppFigures>> = {};
  for (const kind of kinds) app[kind] = await measureApp(kind, 'app', seconds, events, postgresUrl);
  // A fresh app and database again, so that neither way in measures a table the other filled.
  const viaIngestPort = kinds.includes('postgres')
    ? await measureApp('postgres', 'ingest-port', seconds, events, postgresUrl)
    : undefined;

  console.log('\nHTTP (autocannon; requests/s and events/s count 2xx answers only)\n');
  const rows: Row[] = [['what', 'conns', 'requests/s', 'events/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors']];
  rows.push(loadRow('node:http baseline, single events', plain));
  for (const kind of kinds) {
    const figures = app[kind];
    if (!figures) continue;
    rows.push(loadRow(`${LABEL[kind]} app, single events /v1/track`, figures.single));
    rows.push(loadRow(`${LABEL[kind]} app, batches of ${BATCH_SIZE} /v1/batch`, figures.batch));
    if (kind === 'postgres' && viaIngestPort) {
      rows.push(loadRow(`${LABEL[kind]} INGEST_PORT, single events`, viaIngestPort.single));
      rows.push(loadRow(`${LABEL[kind]} INGEST_PORT, batches of ${BATCH_SIZE}`, viaIngestPort.batch));
    }
  }
  console.log(table(rows));

  console.log(`\nRaw multi-row INSERT (${formatCount(RAW_ROWS)} rows, 500 a statement, one statement a transaction)\n`);
  const rawRows: Row[] = [['database', 'rows/s', 'seconds']];
  for (const kind of kinds) {
    const r = raw[kind];
    if (r) rawRows.push([LABEL[kind], formatCount(r.rowsPerSecond), r.seconds.toFixed(2)]);
  }
  console.log(table(rawRows));

  console.log('\nRatios\n');
  const ratioRows: Row[] = [['', 'PGlite', 'Postgres']];
  const perKind = (f: (kind: Kind) => number | undefined) =>
    (['pglite', 'postgres'] as const).map((kind) => {
      const value = f(kind);
      return value === undefined ? '—' : `${value.toFixed(2)}×`;
    });
  ratioRows.push([
    'single events/s ÷ node:http events/s',
    ...perKind((kind) => app[kind] && app[kind].single.eventsPerSecond / plain.eventsPerSecond),
  ]);
  ratioRows.push([
    'batch events/s ÷ raw INSERT rows/s',
    ...perKind((kind) => app[kind] && raw[kind] && app[kind].batch.eventsPerSecond / raw[kind].rowsPerSecond),
  ]);
  if (viaIngestPort && raw.postgres) {
    ratioRows.push([
      'INGEST_PORT single events/s ÷ node:http',
      '—',
      `${(viaIngestPort.single.eventsPerSecond / plain.eventsPerSecond).toFixed(2)}×`,
    ]);
    ratioRows.push([
      'INGEST_PORT batch events/s ÷ raw INSERT',
      '—',
      `${(viaIngestPort.batch.eventsPerSecond / raw.postgres.rowsPerSecond).toFixed(2)}×`,
    ]);
  }
  console.log(table(ratioRows));

  // Judged on the app's own port (the default deployment), INGEST_PORT beside it.
  console.log("\nTargets (on Postgres, on the app's port; through INGEST_PORT in brackets)\n");
  const pgRaw = raw.postgres;
  const pg = app.postgres;
  const own = viaIngestPort;
  if (pg && own && pgRaw) {
    const share = (r: LoadResult) => `${(r.eventsPerSecond / pgRaw.rowsPerSecond).toFixed(2)}×`;
    console.log(
      table([
        ['target', 'measured', 'INGEST_PORT', ''],
        [
          `single events ≥ ${formatCount(TARGET.singleEventsPerSecond)}/s`,
          formatCount(pg.single.eventsPerSecond),
          `(${formatCount(own.single.eventsPerSecond)})`,
          verdict(pg.single.eventsPerSecond >= TARGET.singleEventsPerSecond),
        ],
        [
          `single events p99 < ${TARGET.singleP99Ms} ms`,
          `${formatMs(pg.single.p99Ms)} ms`,
          `(${formatMs(own.single.p99Ms)} ms)`,
          verdict(pg.single.p99Ms < TARGET.singleP99Ms),
        ],
        [
          `batches ≥ ${formatCount(TARGET.batchEventsPerSecond)} events/s`,
          formatCount(pg.batch.eventsPerSecond),
          `(${formatCount(own.batch.eventsPerSecond)})`,
          verdict(pg.batch.eventsPerSecond >= TARGET.batchEventsPerSecond),
        ],
        [
          `batches ≥ ${TARGET.batchShareOfRaw} × raw INSERT (${formatCount(pgRaw.rowsPerSecond * TARGET.batchShareOfRaw)} events/s)`,
          share(pg.batch),
          `(${share(own.batch)})`,
          verdict(pg.batch.eventsPerSecond >= pgRaw.rowsPerSecond * TARGET.batchShareOfRaw),
        ],
      ]),
    );
  } else {
    console.log('not measured: Postgres was not part of this run.');
  }
  console.log(`\nLoad average ${os.loadavg()[0]?.toFixed(2)} at the end.`);

  const problems = [
    ...(plain.non2xx > 0 || plain.errors > 0 ? [`node:http baseline: ${plain.non2xx} non-2xx, ${plain.errors} errors`] : []),
    ...kinds.flatMap((kind) => app[kind]?.problems ?? []),
    ...(viaIngestPort?.problems ?? []),
  ];
  if (problems.length > 0) {
    console.log(`\n!!!!! THE FIGURES ABOVE ARE NOT VALID !!!!!\n${problems.map((p) => `!!! ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error('bench:ingest failed:', error);
  process.exit(1);
});
