import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { expect, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';

import { appApi, signIn, unique } from './helpers';

type Received = { headers: Record<string, string>; body: string };

/** A webhook receiver on loopback whose answer the test can break and fix. */
async function startReceiver(): Promise<{
  url: string;
  received: Received[];
  answer: { status: number };
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const answer = { status: 200 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res
        .writeHead(answer.status, { 'content-type': 'text/plain', 'x-receiver': 'e2e' })
        .end(answer.status < 300 ? 'received' : 'receiver is down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/signalboard`,
    received,
    answer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('an admin creates a webhook, test-sends it, sees a failure in the log, fixes the receiver and redelivers', async ({
  page,
}) => {
  const receiver = await startReceiver();
  try {
    const name = unique('Billing hook');
    await signIn(page, undefined, '/connections');
    await page.getByRole('link', { name: 'New connection' }).first().click();
    await expect(page).toHaveURL(/\/connections\/new/);

    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByLabel('Other event key').fill('order.completed');
    await page.getByRole('button', { name: 'Add key' }).click();
    await page
      .getByRole('group', { name: 'Signals' })
      .getByLabel(/Risk for abandonment/)
      .check();
    await page.getByRole('button', { name: 'Create connection' }).click();

    const secret = (await page.getByTestId('new-signing-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('link', { name: 'Continue to the connection' }).click();
    await expect(page.getByRole('heading', { name })).toBeVisible();
    // Shown once: the connection's page and API never carry it again.
    await expect(page.getByText(secret)).toHaveCount(0);

    // The example is shown before sending; the receiver's answer after.
    await page.getByLabel('Trigger').selectOption('order.completed');
    await page.getByText('Payload that will be sent').click();
    await expect(page.getByTestId('example-payload')).toContainText('"eventKey": "order.completed"');
    await page.getByRole('button', { name: 'Send test' }).click();
    await expect(page.getByTestId('test-result')).toContainText('The receiver answered 200');
    await expect(page.getByTestId('test-response')).toContainText('received');
    await expect(page.getByTestId('test-response')).toContainText('x-receiver: e2e');
    expect(receiver.received).toHaveLength(1);
    // Verified with the public Standard Webhooks verifier and the secret shown at creation.
    const first = receiver.received[0] as Received;
    expect(new Webhook(secret).verify(first.body, first.headers)).toMatchObject({ eventKey: 'order.completed' });

    // Break the receiver: the next send fails and the log says so.
    receiver.answer.status = 500;
    await page.getByRole('button', { name: 'Send test' }).click();
    await expect(page.getByTestId('test-result')).toContainText('The receiver answered 500');
    const log = page.getByRole('table', { name: 'Deliveries' });
    const failed = log.getByTestId('delivery-row').filter({ hasText: 'failed' });
    await expect(failed).toHaveCount(1);

    // Fix it and send the failed delivery again: same webhook-id, now delivered.
    receiver.answer.status = 200;
    await failed.getByRole('button', { name: 'Redeliver' }).click();
    await expect(log.getByTestId('delivery-row').filter({ hasText: 'failed' })).toHaveCount(0, { timeout: 15_000 });
    await expect(log.getByTestId('delivery-row').filter({ hasText: 'succeeded' })).toHaveCount(2);
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received[2]?.headers['webhook-id']).toBe(receiver.received[1]?.headers['webhook-id']);

    // A real event sent with a write key goes out through the outbox.
    const created = await appApi(page).post('/api/v1/environments/production/write-keys', { data: { name: unique('hook-key') } });
    const { key } = await created.json();
    const sent = await page.request.post('/v1/track', {
      headers: { authorization: `Bearer ${key}` },
      data: { userId: 'buyer-1', event: 'order.completed', properties: { tenantId: 'acme-e2e', total: 42 } },
    });
    expect(sent.status()).toBe(200);
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(4);
    const real = JSON.parse(receiver.received[3]?.body ?? '{}');
    expect(real).toMatchObject({
      eventKey: 'order.completed',
      eventContext: { tenantId: 'acme-e2e', userId: 'buyer-1' },
      data: { total: 42 },
    });
    await expect(log.getByTestId('delivery-row')).toHaveCount(3, { timeout: 15_000 });
  } finally {
    await receiver.close();
  }
});

test('the form names what to fix, and the delivery log keeps its filters in the URL', async ({ page }) => {
  await signIn(page, undefined, '/connections/new');
  // Enter in the triggers' filter filters; it does not submit a half-filled form.
  await page.getByLabel('Filter triggers').fill('tenant');
  await page.getByLabel('Filter triggers').press('Enter');
  await expect(page.getByText('must not be empty')).toHaveCount(0);
  await page.getByLabel('Filter triggers').fill('');
  // This server has no SMTP settings: the email form says so before anyone relies on it.
  await page.getByLabel('Email', { exact: true }).check();
  await expect(page.getByText('no mail server configured')).toBeVisible();
  await page.getByLabel('Slack').check();
  await page.getByRole('button', { name: 'Create connection' }).click();
  await expect(page.getByText('must not be empty')).toBeVisible();
  await expect(page.getByText('choose at least one trigger')).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');

  await page.goto('/connections/deliveries');
  await page.getByLabel('Status').selectOption('failed');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/status=failed/);
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('failed');
  await expect(
    page.getByRole('table', { name: 'Deliveries' }).getByTestId('delivery-row').filter({ hasText: 'succeeded' }),
  ).toHaveCount(0);
});

test('a receiver that answers 410 gets its connection turned off, with a banner on every page until it is turned back on', async ({
  page,
}) => {
  const receiver = await startReceiver();
  try {
    receiver.answer.status = 410;
    const name = unique('Gone hook');
    await signIn(page, undefined, '/connections');
    const event = unique('gone.event');
    const created = await appApi(page).post('/api/v1/environments/production/connections', {
      data: { kind: 'webhook', name, url: receiver.url, eventKeys: [event] },
    });
    expect(created.status()).toBe(201);
    const { connection } = await created.json();
    const keyResponse = await appApi(page).post('/api/v1/environments/production/write-keys', {
      data: { name: unique('gone-key') },
    });
    const { key } = await keyResponse.json();
    await page.request.post('/v1/track', { headers: { authorization: `Bearer ${key}` }, data: { userId: 'u-gone', event } });
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    // The receiver has answered; the worker records the 410 and turns the connection off just after.
    await expect
      .poll(
        async () =>
          (await (await page.request.get(`/api/v1/environments/production/connections/${connection.id}`)).json()).connection
            .enabled,
        { timeout: 15_000 },
      )
      .toBe(false);

    await page.goto('/signals');
    const banner = page.getByTestId('turned-off-banner');
    await expect(banner).toContainText(name);
    await expect(banner).toContainText('the receiver answered 410 Gone');
    await banner.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await expect(page.getByText('Signalboard turned this connection off')).toBeVisible();
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect(page.getByRole('button', { name: 'Turn off' })).toBeVisible();
    await expect(page.getByTestId('turned-off-banner')).toHaveCount(0);
    await page.goto(`/connections/${connection.id}`);
    await expect(page.getByTestId('turned-off-banner')).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
