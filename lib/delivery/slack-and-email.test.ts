import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { deliveries } from '@/lib/db/schema';
import { createEnvironment } from '@/lib/environments/create-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { type TargetEnvironment, writeEvents } from '@/lib/ingest/write-events';
import { describeEachDatabase } from '@/lib/testing/databases';
import { type Receiver, startReceiver } from '@/lib/testing/receiver';

import { parseAllowList } from './address-guard';
import { createConnection } from './connections/create-connection';
import { MAX_BLOCKS, MAX_SECTION_CHARS, type SlackMessage, slackMessages } from './slack-message';
import { DeliveryWorker } from './worker';

// A local SMTP server, started before anything reads the configuration (getEnv caches it).
const mails: { to: string[]; raw: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    stream.on('end', () => {
      mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
Object.assign(process.env, {
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String((smtp.server.address() as AddressInfo).port),
  SMTP_FROM: 'Signalboard <signals@example.com>',
});

const LOOPBACK = parseAllowList(['127.0.0.0/8']);
const event = (name: string, properties: Record<string, unknown> = {}): IngestEvent => ({
  messageId: randomUUID(),
  name,
  accountId: 'globex',
  userId: null,
  anonymousId: null,
  timestamp: new Date(),
  properties,
});

/** What Slack checks of an incoming-webhook message; returns the problems. */
function slackProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  if (!message.text) problems.push('no fallback text');
  if (message.blocks.length > MAX_BLOCKS) problems.push(`${message.blocks.length} blocks`);
  for (const block of message.blocks) {
    if (block.type === 'section' && block.text && block.text.text.length > MAX_SECTION_CHARS)
      problems.push('section over 3,000 characters');
    if (block.type === 'header' && block.text.text.length > 150) problems.push('header over 150 characters');
    if (block.type === 'section' && (block.fields?.length ?? 0) > 10) problems.push('more than 10 fields');
  }
  return problems;
}

it('splits a large cohort change into Slack messages within Slack’s limits', () => {
  const added = Array.from({ length: 3000 }, (_, i) => ({
    id: `user-${i}`,
    traits: { email: `user-${i}@example.com`, plan: 'pro' },
  }));
  const messages = slackMessages(
    {
      type: 'cohort.membersAdded',
      timestamp: new Date().toISOString(),
      environment: 'production',
      eventKey: 'cohort.membersAdded',
      eventContext: { tenantId: null, userId: null },
      data: { cohortName: 'Power users', added, addedCount: 3000 },
    },
    'https://signals.example.com',
  );
  expect(messages.length).toBeGreaterThan(1);
  for (const m of messages) expect(slackProblems(m)).toEqual([]);
  const text = messages.flatMap((m) => m.blocks.map((b) => (b.type === 'section' ? (b.text?.text ?? '') : ''))).join('\n');
  // Every member is listed once, in order.
  expect(text.match(/user-\d+`/g)).toHaveLength(3000);
});

describeEachDatabase('Slack and email connections', (database) => {
  let slack: Receiver;
  let env: TargetEnvironment;
  let envSlug = '';
  const db = () => database().db;
  beforeAll(async () => {
    await ensureBuiltInEnvironments(db());
    const created = await createEnvironment(db(), { name: `Slack ${randomUUID().slice(0, 6)}` });
    env = { id: created.id, timeZone: 'UTC' };
    envSlug = created.slug;
    slack = await startReceiver();
    slack.reply((request) => {
      const problems = slackProblems(JSON.parse(request.body) as SlackMessage);
      return problems.length ? { status: 400, body: `invalid_blocks: ${problems.join(', ')}` } : { status: 200, body: 'ok' };
    });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('posts Block Kit messages to Slack, one a second per connection', async () => {
    const { connection } = await createConnection(db(), env.id, {
      kind: 'slack',
      name: 'CS channel',
      url: `${slack.url}/services/T000/B000/XXXX`,
      eventKeys: ['signal.riskForAbandonment'],
      enabled: true,
    });
    await writeEvents(db(), env, [
      event('signal.riskForAbandonment', {
        reason: 'logins 120 → 40 (−67%) in the last 7 days',
        current: 40,
        previous: 120,
        changePct: -66.7,
      }),
      event('signal.riskForAbandonment', { reason: 'deleted users 1 → 5 (+400%) in the last 30 days', current: 5, previous: 1 }),
      event('signal.riskForAbandonment', { reason: 'logins 50 → 10 (−80%) in the last 30 days', current: 10, previous: 50 }),
    ]);
    const worker = new DeliveryWorker(db(), null, { allow: LOOPBACK, pollMs: 50 });
    await worker.start();
    try {
      const requests = await slack.waitFor(3, 10_000);
      const gaps = requests.slice(1).map((r, i) => r.at - (requests[i]?.at ?? 0));
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
      const message = JSON.parse(requests[0]?.body ?? '{}') as SlackMessage;
      expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Risk for abandonment' } });
      expect(JSON.stringify(message.blocks)).toContain('globex');
      expect(requests.map((r) => r.body).join('')).toContain('logins 120 → 40 (−67%) in the last 7 days');
    } finally {
      await worker.stop();
    }
    const rows = await db().select().from(deliveries).where(eq(deliveries.connectionId, connection.id));
    expect(rows.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('sends what an event carries to Slack as text, never as a mention or a link', async () => {
    await createConnection(db(), env.id, {
      kind: 'slack',
      name: 'Hostile',
      url: `${slack.url}/services/T000/B000/HOSTILE`,
      eventKeys: ['signal.hostile'],
      enabled: true,
    });
    slack.requests.length = 0;
    await writeEvents(db(), env, [
      {
        ...event('signal.hostile', { reason: '<http://evil.example|Review now>', current: '<!channel>', '<!here>': '<@U1>' }),
        accountId: '<!channel>',
        userId: '<http://evil.example|ceo>',
      },
    ]);
    await new DeliveryWorker(db(), null, { allow: LOOPBACK }).drainOnce();
    const [request] = await slack.waitFor(1);
    expect(request?.body).not.toMatch(/[<>]/);
    expect(request?.body).toContain('&lt;!channel&gt;');
  });

  it('emails the recipients in plain text and HTML', async () => {
    mails.length = 0;
    const { connection } = await createConnection(db(), env.id, {
      kind: 'email',
      name: 'CS inbox',
      recipients: ['cs@example.com', 'lead@example.com'],
      eventKeys: ['signal.engagementLevel'],
      enabled: true,
    });
    await writeEvents(db(), env, [
      event('signal.engagementLevel', { reason: 'invited users 6 → 18 (+200%) in the last 30 days' }),
    ]);
    await new DeliveryWorker(db(), null, { allow: LOOPBACK }).drainOnce();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to.sort()).toEqual(['cs@example.com', 'lead@example.com']);
    const mail = await simpleParser(mails[0]?.raw ?? '');
    expect(mail.subject).toBe(
      `[Signalboard] signal.engagementLevel for account globex in ${envSlug} — invited users 6 → 18 (+200%) in the last 30 days`,
    );
    expect(mail.text).toContain('Account: globex');
    expect(mail.html).toContain('<th style="text-align:left;padding:4px 12px 4px 0;vertical-align:top">reason</th>');
    const [row] = await db().select().from(deliveries).where(eq(deliveries.connectionId, connection.id));
    expect(row).toMatchObject({ status: 'succeeded', lastResponseCode: 250 });
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});
