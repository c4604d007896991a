import http from 'node:http';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { closeConnection, openConnection, wrapConnection } from '@/lib/db/client';
import { migrateConnection } from '@/lib/db/migrate';
import { queryRows } from '@/lib/db/rows';
import { parseAllowList } from '@/lib/delivery/address-guard';
import { createConnection } from '@/lib/delivery/connections/create-connection';
import { DeliveryWorker } from '@/lib/delivery/worker';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { writeEvents } from '@/lib/ingest/write-events';

import { createScratchPostgres, DEFAULT_POSTGRES_URL } from './lib/databases';
import { REPO_ROOT, startServer } from './lib/processes';
import { formatCount, formatMs, table } from './lib/report';

// `npm run bench:delivery`: the outbox worker on real Postgres, delivering signed webhooks to a
// receiver on loopback (a child process that answers 200 at once).
// - Throughput: --messages deliveries queued up front, then the time until all have succeeded.
// - Latency: events written one at a time at --rate a second while the worker idles; for each,
//   the time from writeEvents' commit to the receiver seeing the request (commit → send).
// Baseline, same run: plain node:http POSTs of the same body to the same receiver at the same
// concurrency — what this machine's loopback and receiver allow at all.

const flags = z.object({
  messages: z.coerce.number({ error: '--messages: expected a number' }).int().min(100).max(1_000_000).default(20_000),
  concurrency: z.coerce.number({ error: '--concurrency: expected a number' }).int().min(1).max(512).default(64),
  rate: z.coerce.number({ error: '--rate: expected a number' }).int().min(1).max(2000).default(100),
  seconds: z.coerce.number({ error: '--seconds: expected a number' }).int().min(1).max(120).default(10),
});

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const event = (name: string): IngestEvent => ({
  messageId: crypto.randomUUID(),
  name,
  accountId: `acct-${Math.floor(Math.random() * 1000)}`,
  userId: `user-${Math.floor(Math.random() * 10_000)}`,
  anonymousId: null,
  timestamp: new Date(),
  properties: { plan: 'pro', seats: 12, region: 'eu-west-1' },
});

/** node:http POSTs of `body`, `concurrency` at a time over keep-alive, for `count` requests. */
async function plainPosts(url: string, body: string, count: number, concurrency: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let started = 0;
  const t = now();
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < count) {
        started++;
        await one();
      }
    }),
  );
  agent.destroy();
  return count / ((now() - t) / 1000);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
    },
  });
  const parsed = flags.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => i.message).join('\n'));
    process.exit(2);
  }
  const o = parsed.data;
  const load = () => loadavg()[0]?.toFixed(2);
  console.log(`Delivery benchmark — ${new Date().toISOString()}`);
  console.log(`Node ${process.version}, load average ${load()} at start`);
  console.log(
    `Workload: ${formatCount(o.messages)} queued webhooks, worker concurrency ${o.concurrency}; latency at ${o.rate} events/s for ${o.seconds} s\n`,
  );

  const receiver = await startServer(`${REPO_ROOT}/bench/lib/timing-receiver.ts`, process.env, 'receiver');
  const receiverUrl = `http://127.0.0.1:${receiver.port}`;
  const scratch = await createScratchPostgres(process.env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES_URL, 'delivery');
  const connection = await openConnection({ kind: 'postgres', url: scratch.url });
  const worker = { current: null as DeliveryWorker | null };
  try {
    await migrateConnection(connection);
    const db = wrapConnection(connection);
    await ensureBuiltInEnvironments(db);
    const production = await getEnvironmentBySlug(db, 'production');
    const environment = { id: production.id, timeZone: 'UTC' };
    await createConnection(db, environment.id, {
      kind: 'webhook',
      name: 'Bench receiver',
      url: `${receiverUrl}/hook`,
      eventKeys: ['bench.event'],
      headers: [],
      enabled: true,
    });

    console.log(`· baseline: ${formatCount(o.messages)} plain node:http POSTs, ${o.concurrency} at a time`);
    const sample = JSON.stringify({ type: 'bench.event', eventKey: 'bench.event', data: event('bench.event').properties });
    const baseline = await plainPosts(`${receiverUrl}/hook`, sample, o.messages, o.concurrency);
    await fetch(`${receiverUrl}/arrivals`);

    console.log(`· queueing ${formatCount(o.messages)} deliveries (writeEvents, 1,000 events a statement)`);
    for (let i = 0; i < o.messages; i += 1000) {
      await writeEvents(
        db,
        environment,
        Array.from({ length: Math.min(1000, o.messages - i) }, () => event('bench.event')),
      );
    }
    console.log('· throughput: starting the worker and waiting until every delivery has succeeded');
    const t = now();
    worker.current = new DeliveryWorker(db, connection, {
      allow: parseAllowList(['127.0.0.0/8']),
      concurrency: o.concurrency,
      pollMs: 200,
    });
    await worker.current.start();
    for (;;) {
      const [row] = await queryRows<{ left: number }>(
        db,
        sql`select count(*)::int as left from deliveries where status <> 'succeeded'`,
      );
      if (row?.left === 0) break;
      await sleep(50);
    }
    const throughputSeconds = (now() - t) / 1000;
    const throughput = o.messages / throughputSeconds;
    const sent = Object.keys(await (await fetch(`${receiverUrl}/arrivals`)).json()).length;

    console.log(`· latency: one event every ${formatMs(1000 / o.rate)} ms for ${o.seconds} s, commit → arrival`);
    const committed = new Map<string, number>();
    const end = now() + o.seconds * 1000;
    let next = now();
    while (now() < end) {
      const e = event('bench.event');
      await writeEvents(db, environment, [e]);
      const at = now();
      const [row] = await queryRows<{ message_id: string }>(
        db,
        // One event at a time: the newest delivery is this event's (the environment index serves it).
        sql`select message_id from deliveries where environment_id = ${environment.id} order by created_at desc limit 1`,
      );
      if (row) committed.set(row.message_id, at);
      next += 1000 / o.rate;
      await sleep(Math.max(0, next - now()));
    }
    await sleep(2000);
    const arrivals = (await (await fetch(`${receiverUrl}/arrivals`)).json()) as Record<string, number>;
    const latencies = [...committed].flatMap(([id, at]) => (arrivals[id] === undefined ? [] : [arrivals[id] - at]));

    console.log('');
    console.log(
      table([
        ['what', 'messages', 'per second', 'seconds'],
        ['node:http baseline POSTs', formatCount(o.messages), formatCount(baseline), (o.messages / baseline).toFixed(2)],
        ['outbox → signed webhook deliveries', formatCount(o.messages), formatCount(throughput), throughputSeconds.toFixed(2)],
      ]),
    );
    console.log(`\nReceiver saw ${formatCount(sent)} distinct webhook-ids for ${formatCount(o.messages)} deliveries.`);
    console.log(`Ratio: deliveries/s ÷ plain POSTs/s = ${(throughput / baseline).toFixed(2)}×\n`);
    console.log(
      table([
        ['commit → arrival', 'events', 'arrived', 'p50 ms', 'p95 ms', 'p99 ms'],
        [
          `one event / ${formatMs(1000 / o.rate)} ms`,
          formatCount(committed.size),
          formatCount(latencies.length),
          formatMs(percentile(latencies, 50)),
          formatMs(percentile(latencies, 95)),
          formatMs(percentile(latencies, 99)),
        ],
      ]),
    );
    console.log('\nTargets');
    console.log(
      table([
        ['target', 'measured', ''],
        ['≥ 1,000 deliveries/s', formatCount(throughput), throughput >= 1000 ? 'met' : 'MISSED'],
        [
          'p50 commit → send < 100 ms',
          `${formatMs(percentile(latencies, 50))} ms`,
          percentile(latencies, 50) < 100 ? 'met' : 'MISSED',
        ],
      ]),
    );
    console.log(`\nLoad average ${load()} at the end.`);
  } finally {
    await worker.current?.stop();
    await closeConnection(connection);
    await scratch.drop();
    await receiver.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
