import { parseArgs } from 'node:util';

import { z } from 'zod';

// `npm run seed`: fills an environment with realistic activity through the public ingest API, so
// it works on either database while the app runs. Some accounts hold steady, some grow, some
// decline, some churn. Message ids are derived from --seed, so running it twice stores nothing twice.
//
//   npm run seed -- --write-key <key> [--url http://localhost:3000] [--accounts 300] [--days 120]
//                   [--events <total, scales the daily rates>] [--seed 42] [--concurrency 4]

const HELP = `Usage: npm run seed -- --write-key <key> [--url URL] [--accounts N] [--days N] [--events N] [--seed N] [--concurrency N]
  --write-key    an environment write key (or SIGNALBOARD_WRITE_KEY)
  --url          the app (default: APP_URL or http://localhost:3000)
  --accounts     how many accounts (default 300)
  --days         how many days of history up to today (default 120)
  --events       roughly how many events in all (default: what the model gives, about 2,500 an account)
  --seed         random seed; the same seed sends the same events (default 42)
  --concurrency  requests in flight (default 4)`;

const count = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `--${name}: expected a number` })
    .int(`--${name}: expected a whole number`)
    .min(min, `--${name}: expected at least ${min}`)
    .max(max, `--${name}: expected at most ${max.toLocaleString('en')}`);

const options = z.object({
  writeKey: z.string({ error: '--write-key: required (or set SIGNALBOARD_WRITE_KEY)' }).min(1, '--write-key: required'),
  url: z.url('--url: expected an absolute URL such as http://localhost:3000'),
  accounts: count('accounts', 1, 1_000_000).default(300),
  days: count('days', 1, 3650).default(120),
  events: count('events', 1, 1_000_000_000).optional(),
  seed: count('seed', 0, 2 ** 31).default(42),
  concurrency: count('concurrency', 1, 64).default(4),
});
type Options = z.infer<typeof options>;

/** mulberry32: a small seeded generator, so a seed always gives the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(rand: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * (rand() + rand() + rand() - 1.5) * 2));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

type Profile = 'steady' | 'growing' | 'declining' | 'churned';
const DAY = 86_400_000;
const companies = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Wonka',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
  'Vandelay',
];
const plans = ['free', 'team', 'business', 'enterprise'];

/** How active an account is on day `d` of `days` (0 = the oldest), by profile. */
function activity(profile: Profile, d: number, days: number, churnDay: number): number {
  const recent = days - d; // days before today
  switch (profile) {
    case 'steady':
      return 1;
    case 'growing':
      return recent <= 30 ? 1.8 : recent <= 60 ? 1.2 : 0.8;
    case 'declining':
      return recent <= 7 ? 0.2 : recent <= 30 ? 0.5 : 1.2;
    case 'churned':
      return d >= churnDay ? 0 : 1;
  }
}

type Message = Record<string, unknown>;

function* accountMessages(o: Options, index: number, scale: number, now: number): Generator<Message> {
  const rand = random(o.seed * 1_000_003 + index);
  const roll = rand();
  const profile: Profile = roll < 0.5 ? 'steady' : roll < 0.7 ? 'growing' : roll < 0.9 ? 'declining' : 'churned';
  const accountId = `acct-${String(index + 1).padStart(5, '0')}`;
  const userCount = 3 + Math.floor(rand() * 25);
  const loginsPerUser = (0.2 + rand() * 0.6) * scale;
  const churnDay = Math.floor(o.days * (0.4 + rand() * 0.4));
  const start = now - o.days * DAY;
  let n = 0;
  const id = () => `seed-${o.seed}-${accountId}-${n++}`;
  const at = (day: number) => new Date(Math.min(now - 1000, start + day * DAY + Math.floor(rand() * DAY))).toISOString();
  const users = Array.from({ length: userCount }, (_, u) => `${accountId}-user-${u + 1}`);

  yield {
    type: 'group',
    messageId: id(),
    userId: users[0],
    groupId: accountId,
    timestamp: at(0),
    traits: {
      name: `${companies[index % companies.length]} ${index + 1}`,
      plan: plans[Math.floor(rand() * plans.length)],
      profile,
    },
  };
  for (const [u, userId] of users.entries()) {
    const joined = u < 3 ? 0 : Math.floor(rand() * o.days * 0.8);
    yield {
      type: 'identify',
      messageId: id(),
      userId,
      timestamp: at(joined),
      traits: { email: `${userId}@example.com`, name: `User ${u + 1}` },
    };
    yield { type: 'group', messageId: id(), userId, groupId: accountId, timestamp: at(joined) };
  }
  for (let d = 0; d < o.days; d++) {
    const level = activity(profile, d, o.days, churnDay);
    if (level === 0) continue;
    const event = (name: string, userId: string | undefined, properties: Record<string, unknown> = {}): Message => ({
      type: 'track',
      messageId: id(),
      userId,
      event: name,
      timestamp: at(d),
      context: { groupId: accountId },
      properties,
    });
    const pick = () => users[Math.floor(rand() * users.length)];
    for (let i = poisson(rand, users.length * loginsPerUser * level); i > 0; i--) {
      yield event(rand() < 0.15 ? 'frontegg.user.authenticatedWithSSO' : 'frontegg.user.authenticated', pick(), {
        method: 'password',
      });
    }
    for (let i = poisson(rand, users.length * loginsPerUser * level); i > 0; i--) yield event('token.refreshed', pick());
    const inviteRate = (profile === 'growing' ? 0.5 : 0.08) * level * scale;
    for (let i = poisson(rand, inviteRate); i > 0; i--) yield event('frontegg.user.invitedToTenant', pick(), { role: 'member' });
    const deleteRate = (profile === 'declining' && o.days - d <= 30 ? 0.35 : 0.02) * scale;
    for (let i = poisson(rand, deleteRate); i > 0; i--)
      yield event(rand() < 0.5 ? 'frontegg.user.deleted' : 'frontegg.user.removedFromTenant', pick());
    for (let i = poisson(rand, users.length * 0.5 * level * scale); i > 0; i--) {
      const status = rand() < 0.9 ? 200 : rand() < 0.7 ? 400 : 500;
      yield event('api.call', pick(), {
        endpoint: ['/v1/reports', '/v1/users', '/v1/export'][Math.floor(rand() * 3)],
        response: { status },
      });
    }
  }
}

async function send(o: Options, batch: Message[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(new URL('/v1/batch', o.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${o.writeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ batch, sentAt: new Date().toISOString() }),
    }).catch((error: unknown) => ({ ok: false, status: 0, text: async () => String(error), headers: new Headers() }) as const);
    if (response.ok) return;
    const retriable = response.status === 0 || response.status === 429 || response.status >= 500;
    if (!retriable || attempt >= 5) throw new Error(`The app answered ${response.status}: ${await response.text()}`);
    const wait = Number(response.headers.get('retry-after')) || attempt;
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'write-key': { type: 'string' },
      url: { type: 'string' },
      accounts: { type: 'string' },
      days: { type: 'string' },
      events: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const parsed = options.safeParse({
    writeKey: values['write-key'] ?? process.env.SIGNALBOARD_WRITE_KEY,
    url: values.url ?? process.env.APP_URL ?? 'http://localhost:3000',
    accounts: values.accounts,
    days: values.days,
    events: values.events,
    seed: values.seed,
    concurrency: values.concurrency,
  });
  if (!parsed.success) {
    console.error(`${parsed.error.issues.map((i) => i.message).join('\n')}\n\n${HELP}`);
    process.exit(2);
  }
  const o = parsed.data;
  // The model gives about 21 events an account a day at scale 1.
  const scale = o.events ? o.events / (o.accounts * o.days * 21) : 1;
  const now = Date.now();
  const started = performance.now();
  let sent = 0;
  let accountsDone = 0;
  const inFlight = new Set<Promise<void>>();
  const progress = setInterval(() => {
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `\r${accountsDone}/${o.accounts} accounts · ${sent.toLocaleString('en')} events · ${Math.round(sent / seconds).toLocaleString('en')}/s   `,
    );
  }, 1000);

  let batch: Message[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const body = batch;
    batch = [];
    const p = send(o, body).then(() => {
      sent += body.length;
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    if (inFlight.size >= o.concurrency) await Promise.race(inFlight);
  };
  try {
    for (let a = 0; a < o.accounts; a++) {
      for (const message of accountMessages(o, a, scale, now)) {
        batch.push(message);
        if (batch.length >= 400) await flush();
      }
      accountsDone++;
    }
    await flush();
    await Promise.all(inFlight);
  } finally {
    clearInterval(progress);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\rSent ${sent.toLocaleString('en')} events for ${o.accounts} accounts over ${o.days} days in ${seconds.toFixed(1)} s (${Math.round(sent / seconds).toLocaleString('en')}/s).`,
  );
}

main().catch((error: unknown) => {
  console.error(`\nSeeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
