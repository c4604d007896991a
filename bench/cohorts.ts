import os from 'node:os';
import { parseArgs } from 'node:util';

import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { z } from 'zod';

import { attachConnection, createCohort } from '@/lib/cohorts/cohort-store';
import { compileFilter } from '@/lib/cohorts/compile-filter';
import { evaluateCohort } from '@/lib/cohorts/evaluate-cohort';
import type { CohortFilter } from '@/lib/cohorts/filter-schema';
import { previewCohort } from '@/lib/cohorts/preview';
import { createCohortInput } from '@/lib/cohorts/schemas';
import { closeConnection, type Db, openConnection, wrapConnection } from '@/lib/db/client';
import { migrateConnection } from '@/lib/db/migrate';
import { queryRows } from '@/lib/db/rows';
import { createConnection } from '@/lib/delivery/connections/create-connection';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { type TargetEnvironment, writeEvents } from '@/lib/ingest/write-events';

import { generateCohortData, USERS_PER_ACCOUNT } from './lib/cohort-data';
import { createScratchPostgres, DEFAULT_POSTGRES_URL } from './lib/databases';

// `npm run bench:cohorts`: evaluation and preview of user cohorts on real Postgres, over --users
// users and --events events generated in the database (bench/lib/cohort-data.ts). Each round
// changes ~1% of the users (new events through writeEvents, as ingestion writes them; some 400s,
// some plan downgrades) and re-evaluates every cohort: that re-evaluation is issue 6's target.
// Baselines, in the same run: a plain count of the api.call events in the 7-day window, and the
// cohort's compiled member query inserted raw into a temp table (no diff, no bookkeeping).

const flags = z.object({
  users: z.coerce
    .number({ error: '--users: expected a number' })
    .int('--users: expected a whole number')
    .min(1_000, '--users: at least 1,000')
    .max(10_000_000, '--users: at most 10,000,000')
    .default(1_000_000),
  events: z.coerce
    .number({ error: '--events: expected a number' })
    .int('--events: expected a whole number')
    .min(10_000, '--events: at least 10,000')
    .max(200_000_000, '--events: at most 200,000,000')
    .default(20_000_000),
  rounds: z.coerce
    .number({ error: '--rounds: expected a number' })
    .int()
    .min(1, '--rounds: at least 1')
    .max(20, '--rounds: at most 20')
    .default(3),
  repeat: z.coerce
    .number({ error: '--repeat: expected a number' })
    .int()
    .min(3, '--repeat: at least 3')
    .max(100, '--repeat: at most 100')
    .default(7),
  explain: z.boolean().default(false),
});

const TARGET_EVALUATION_MS = 10_000;
const TARGET_PREVIEW_MS = 1_000;

const group = (conditions: CohortFilter['root']['conditions']): CohortFilter => ({
  version: 1,
  entity: 'users',
  root: { type: 'group', op: 'and', conditions },
});
const COHORTS: { key: string; name: string; filter: CohortFilter }[] = [
  {
    key: 'three',
    name: 'New in 30 days, a 400 in 7 days, on pro/team',
    filter: group([
      { type: 'seen', which: 'first', op: 'withinDays', days: 30 },
      {
        type: 'performed',
        event: 'api.call',
        where: [{ key: 'response.status', op: 'eq', value: 400 }],
        within: { days: 7 },
      },
      { type: 'trait', key: 'plan', op: 'in', value: ['pro', 'team'] },
    ]),
  },
  {
    key: 'seed',
    name: 'First API call failed today (the seed’s example)',
    filter: group([
      { type: 'seen', which: 'first', op: 'today' },
      { type: 'performed', event: 'api.call', where: [{ key: 'response.status', op: 'eq', value: 400 }] },
    ]),
  },
  { key: 'quiet', name: 'No traffic for 14 days', filter: group([{ type: 'notPerformed', days: 14 }]) },
];

const loadAverage = () => (os.loadavg()[0] ?? 0).toFixed(2);
const ms = (started: number) => Math.round(performance.now() - started);
const count = (n: number) => n.toLocaleString('en');
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)] ?? 0;
const log = (message: string) => console.log(`· ${message} (load ${loadAverage()})`);

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; load: string; result: T }> {
  const started = performance.now();
  const result = await run();
  return { ms: ms(started), load: loadAverage(), result };
}

/** ~1% of the users send something now: a quarter an api.call that fails with a 400, a quarter one
 * that succeeds, a quarter a page view with their plan downgraded to free, a quarter a page view. */
async function changeOnePercent(db: Db, environment: TargetEnvironment, users: number, round: number): Promise<number> {
  const changed = Math.max(1, Math.floor(users / 100));
  const at = Date.now();
  const accounts = Math.max(1, Math.floor(users / USERS_PER_ACCOUNT));
  const all: IngestEvent[] = Array.from({ length: changed }, (_, i) => {
    // 7,919 is prime: a different, spread-out 1% each round.
    const u = 1 + ((i * 7_919 + round * 104_729) % users);
    const kind = i % 4;
    return {
      messageId: `round-${round}-${i}`,
      name: kind < 2 ? 'api.call' : 'page.viewed',
      accountId: `acct-${1 + ((u - 1) % accounts)}`,
      userId: `user-${u}`,
      anonymousId: null,
      timestamp: new Date(at - (i % 600) * 100),
      properties:
        kind < 2
          ? { endpoint: '/v1/items', method: 'GET', response: { status: kind === 0 ? 400 : 200, ms: 40 } }
          : { path: '/billing' },
      userTraits: kind === 2 ? { plan: 'free' } : undefined,
    };
  });
  for (let i = 0; i < all.length; i += 1000) {
    await db.transaction((tx) => writeEvents(tx, environment, all.slice(i, i + 1000)));
  }
  return changed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string' },
      events: { type: 'string' },
      rounds: { type: 'string' },
      repeat: { type: 'string' },
      explain: { type: 'boolean' },
    },
  });
  const parsed = flags.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => i.message).join('\n'));
    process.exit(2);
  }
  const o = parsed.data;
  console.log(`Cohorts benchmark — ${new Date().toISOString()}`);
  console.log(
    `Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), load average ${loadAverage()} at start`,
  );
  console.log(
    `Workload: ${count(o.users)} users, ${count(o.events)} events over 90 days; ${o.rounds} rounds of ~1% of users changing; previews repeated ${o.repeat} times\n`,
  );

  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES_URL;
  const scratch = await createScratchPostgres(adminUrl, 'cohorts');
  const connection = await openConnection({ kind: 'postgres', url: scratch.url });
  try {
    await migrateConnection(connection);
    const db = wrapConnection(connection);
    await ensureBuiltInEnvironments(db);
    const production = await getEnvironmentBySlug(db, 'production');
    const environment = { id: production.id, timeZone: production.timeZone };
    const [version] = await queryRows<{ v: string }>(db, sql`select current_setting('server_version') as v`);
    console.log(`Postgres ${version?.v}, scratch database ${new URL(scratch.url).pathname.slice(1)}`);

    const loader = postgres(scratch.url, { max: 1, onnotice: () => {} });
    const loadStarted = performance.now();
    try {
      await generateCohortData(loader, { environmentId: environment.id, users: o.users, events: o.events, now: new Date() }, log);
    } finally {
      await loader.end();
    }
    log(`data ready in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s`);

    // Baselines, on the three-condition cohort's data.
    const three = COHORTS[0] as (typeof COHORTS)[number];
    const compileNow = () =>
      compileFilter(three.filter, { environmentId: environment.id, timeZone: environment.timeZone, now: new Date() });
    const baselineCount = [];
    const baselineInsert = [];
    for (let i = 0; i < 3; i++) {
      baselineCount.push(
        await timed(() =>
          queryRows<{ n: number }>(
            db,
            sql`select count(*)::int as n from events where environment_id = ${environment.id} and name = 'api.call'
                and timestamp >= now() - interval '7 days'`,
          ),
        ),
      );
      baselineInsert.push(
        await timed(() =>
          db.transaction(async (tx) => {
            await tx.execute(sql`create temp table bench_members on commit drop as ${compileNow()}`);
            const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from bench_members`);
            return row?.n ?? 0;
          }),
        ),
      );
    }
    const apiCalls = baselineCount[0]?.result[0]?.n ?? 0;
    log(
      `baselines: ${count(apiCalls)} api.call events in 7 days; ${count(baselineInsert[0]?.result ?? 0)} members by the raw insert`,
    );

    if (o.explain) {
      const plan = await queryRows<{ 'QUERY PLAN': string }>(db, sql`explain (analyze, buffers) ${compileNow()}`);
      console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
    }

    const hook = await createConnection(db, environment.id, {
      kind: 'webhook',
      name: 'Bench cohort hook',
      url: 'https://hooks.example.com/cohorts',
      eventKeys: ['never.sent'],
      headers: [],
      enabled: true,
    });
    const ids = new Map<string, string>();
    for (const c of COHORTS) {
      const cohort = await createCohort(
        db,
        environment.id,
        createCohortInput.parse({ name: c.name, filter: c.filter, notifyTraits: ['email', 'plan'] }),
      );
      await attachConnection(db, environment.id, cohort.id, hook.connection.id);
      ids.set(c.key, cohort.id);
    }
    const evaluate = (key: string) =>
      timed(() => evaluateCohort(db, ids.get(key) ?? '', { appOrigin: 'https://signals.example.com' }));

    const rows: [string, string, string][] = [];
    const first = new Map<string, Awaited<ReturnType<typeof evaluate>>>();
    for (const c of COHORTS) {
      const run = await evaluate(c.key);
      first.set(c.key, run);
      log(`first evaluation of "${c.name}": ${count(run.result.memberCount)} members in ${run.ms} ms`);
    }

    const reEvaluations = new Map<string, Awaited<ReturnType<typeof evaluate>>[]>(COHORTS.map((c) => [c.key, []]));
    for (let round = 1; round <= o.rounds; round++) {
      const write = await timed(() => changeOnePercent(db, environment, o.users, round));
      log(`round ${round}: ${count(write.result)} users sent events (writeEvents, 1,000 a transaction) in ${write.ms} ms`);
      for (const c of COHORTS) {
        const run = await evaluate(c.key);
        reEvaluations.get(c.key)?.push(run);
        log(`round ${round}: "${c.name}" +${count(run.result.added)} −${count(run.result.removed)} in ${run.ms} ms`);
      }
    }

    const previews = new Map<string, { p50: number; p95: number; count: number; load: string }>();
    for (const c of COHORTS) {
      const times: number[] = [];
      let members = 0;
      for (let i = 0; i < o.repeat; i++) {
        const run = await timed(() =>
          previewCohort(db, c.filter, { environmentId: environment.id, timeZone: environment.timeZone }),
        );
        times.push(run.ms);
        members = run.result.count;
      }
      previews.set(c.key, { p50: percentile(times, 50), p95: percentile(times, 95), count: members, load: loadAverage() });
      log(`preview of "${c.name}": ${times.join(', ')} ms`);
    }

    const p50 = (runs: { ms: number }[]) =>
      percentile(
        runs.map((r) => r.ms),
        50,
      );
    const baseCount = p50(baselineCount);
    const baseInsert = p50(baselineInsert);
    rows.push([
      'Baseline A: count of api.call events in the last 7 days (p50 of 3)',
      `${baseCount} ms`,
      baselineCount.at(-1)?.load ?? '',
    ]);
    rows.push([
      `Baseline B: raw INSERT … SELECT of the three-condition cohort's member ids into a temp table (p50 of 3)`,
      `${baseInsert} ms`,
      baselineInsert.at(-1)?.load ?? '',
    ]);
    for (const c of COHORTS) {
      const f = first.get(c.key);
      const again = reEvaluations.get(c.key) ?? [];
      const preview = previews.get(c.key);
      if (f) rows.push([`"${c.name}": first evaluation, silent (${count(f.result.memberCount)} members)`, `${f.ms} ms`, f.load]);
      again.forEach((run, i) =>
        rows.push([
          `"${c.name}": re-evaluation after round ${i + 1} (+${count(run.result.added)} −${count(run.result.removed)}, notified: ${run.result.notified ? 'yes' : 'no'})`,
          `${run.ms} ms (${(run.ms / baseInsert).toFixed(2)}× B)`,
          run.load,
        ]),
      );
      if (preview)
        rows.push([
          `"${c.name}": preview, p50 / p95 of ${o.repeat} (${count(preview.count)} members)`,
          `${preview.p50} / ${preview.p95} ms`,
          preview.load,
        ]);
    }
    console.log(`\n| measurement | result | load |\n|---|---:|---:|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);

    const target = reEvaluations.get('three') ?? [];
    const targetP50 = p50(target);
    const preview = previews.get('three');
    console.log(
      `\nTargets (three-condition cohort, ${count(o.users)} users, ${count(o.events)} events): ` +
        `re-evaluation ≤ ${count(TARGET_EVALUATION_MS)} ms → p50 of ${target.length} ${targetP50} ms, ${targetP50 <= TARGET_EVALUATION_MS ? 'met' : 'MISSED'}; ` +
        `preview ≤ ${count(TARGET_PREVIEW_MS)} ms → p95 ${preview?.p95} ms, ${preview && preview.p95 <= TARGET_PREVIEW_MS ? 'met' : 'MISSED'}.`,
    );
    console.log(`\nLoad average ${loadAverage()} at the end.`);
  } finally {
    await closeConnection(connection);
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
