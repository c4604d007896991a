import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { expect, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';

import { appApi, signIn, unique } from './helpers';

type Received = { headers: Record<string, string>; body: string };

async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/cohorts`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test('an admin builds the seed’s example cohort, previews it, attaches a webhook and receives who was added', async ({
  page,
  playwright,
}) => {
  // The whole journey — builder, preview, two evaluations, a delivery, the catch-up API — in one test.
  test.slow();
  const receiver = await startReceiver();
  try {
    await signIn(page, undefined, '/cohorts');
    // A fresh environment, so that "first seen today" only finds this test's users.
    const env = unique('cohorts').toLowerCase().slice(0, 30);
    expect((await appApi(page).post('/api/v1/environments', { data: { name: env, slug: env } })).status()).toBe(201);
    const { key } = await (
      await appApi(page).post(`/api/v1/environments/${env}/write-keys`, { data: { name: 'cohort e2e' } })
    ).json();
    const hook = await appApi(page).post(`/api/v1/environments/${env}/connections`, {
      data: { kind: 'webhook', name: 'Cohort receiver', url: receiver.url, eventKeys: ['never.sent'] },
    });
    const { secret } = await hook.json();
    const call = async (userId: string, status: number) => {
      const headers = { authorization: `Bearer ${key}` };
      await page.request.post('/v1/identify', { headers, data: { userId, traits: { email: `${userId}@acme.example` } } });
      return page.request.post('/v1/track', {
        headers,
        data: { userId, event: 'api.call', properties: { tenantId: 'acme', response: { status } } },
      });
    };
    expect((await call('early-bird', 400)).status()).toBe(200);
    expect((await call('all-good', 200)).status()).toBe(200);

    await page.goto(`/cohorts/new?env=${env}`);
    await page.getByLabel('Name', { exact: true }).fill('First API call failed today');
    await page.getByLabel('Which').selectOption('first');
    await page.getByLabel('When').selectOption('today');
    await page.getByRole('button', { name: 'Add condition' }).first().click();
    await page.getByLabel('Condition').nth(1).selectOption('performed');
    await page.getByLabel('Event', { exact: true }).fill('api.call');
    await page.getByRole('button', { name: '+ where a property…' }).click();
    const where = page.locator('.where-row');
    await where.getByLabel('Name').fill('response.status');
    await where.getByLabel('Operator').selectOption('eq');
    await where.getByLabel('Value').fill('400');
    // The live preview: one user matches (early-bird), not the one whose call succeeded.
    await expect(page.getByTestId('preview-count')).toHaveText('1');
    await expect(page.getByRole('table', { name: 'Matching members' })).toContainText('early-bird');
    await page.getByLabel('Traits to include (comma-separated)').fill('email');
    await page.getByRole('button', { name: 'Save cohort' }).click();

    await expect(page.getByRole('heading', { name: 'First API call failed today' })).toBeVisible();
    await page.getByRole('button', { name: /Add a notification/ }).click();
    await page.getByLabel('Connection to notify').selectOption({ label: 'Cohort receiver (webhook)' });
    await page.getByRole('button', { name: 'Attach' }).click();
    await expect(page.getByRole('region', { name: 'Notifications' }).getByText('Cohort receiver')).toBeVisible();

    // The first run records who is in without notifying. The scheduler may have made that run
    // already (a new cohort is due at once), in which case this one finds nothing new.
    await page.getByRole('button', { name: 'Evaluate now' }).click();
    await expect(page.getByTestId('run-result')).toContainText(
      /Evaluated: [01] added, 0 removed, 1 members; nothing to notify\./,
    );
    await expect(page.getByRole('table', { name: 'Members' })).toContainText('early-bird');

    // A new user's first call fails: the next run adds them and notifies, with exactly that change.
    expect((await call('newcomer', 400)).status()).toBe(200);
    await page.getByRole('button', { name: 'Evaluate now' }).click();
    await expect(page.getByTestId('run-result')).toContainText('1 added, 0 removed, 2 members; notifications queued.');
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const delivery = receiver.received[0] as Received;
    const payload = new Webhook(secret).verify(delivery.body, delivery.headers) as {
      type: string;
      data: Record<string, unknown>;
    };
    expect(payload.type).toBe('cohort.membersChanged');
    expect(payload.data).toMatchObject({
      cohortName: 'First API call failed today',
      addedCount: 1,
      removedCount: 0,
      added: [{ id: 'newcomer', traits: { email: 'newcomer@acme.example' } }],
    });

    // A receiver that missed notifications catches up with its signing secret (no session).
    const cohortId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const receiverSide = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
    const changes = await receiverSide.get(`/api/v1/cohorts/${cohortId}/changes`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(changes.status()).toBe(200);
    const { changes: list, nextCursor } = await changes.json();
    expect(list.map((c: { change: string; memberId: string }) => `${c.change} ${c.memberId}`)).toEqual([
      'added early-bird',
      'added newcomer',
    ]);
    const after = await receiverSide.get(`/api/v1/cohorts/${cohortId}/changes?since=${nextCursor}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect((await after.json()).changes).toEqual([]);
    expect(
      (
        await receiverSide.get(`/api/v1/cohorts/${cohortId}/changes`, { headers: { authorization: 'Bearer whsec_wrong' } })
      ).status(),
    ).toBe(401);
    expect((await receiverSide.get(`/api/v1/cohorts/${cohortId}/changes`)).status()).toBe(401);
    await receiverSide.dispose();

    await page.goto(`/connections/deliveries?env=${env}`);
    await expect(
      page.getByRole('table', { name: 'Deliveries' }).getByTestId('delivery-row').filter({ hasText: 'cohort.membersChanged' }),
    ).toContainText('succeeded');
    await page.goto(`/cohorts?env=${env}`);
    const row = page.getByRole('row', { name: /First API call failed today/ });
    await expect(row).toContainText('2');
    await expect(row).toContainText('Cohort receiver');
  } finally {
    await receiver.close();
  }
});

test("a condition's value keeps the spaces and commas typed key by key", async ({ page }) => {
  await signIn(page, undefined, '/cohorts/new');
  await page.getByLabel('Condition', { exact: true }).selectOption('trait');
  await page.getByLabel('Name', { exact: true }).nth(1).fill('plan');
  const value = page.getByLabel('Value', { exact: true });
  await value.pressSequentially('Pro Plus');
  await expect(value).toHaveValue('Pro Plus');
  await page.getByLabel('Operator').selectOption('in');
  const values = page.getByLabel('Values (comma-separated)');
  await expect(values).toHaveValue('Pro Plus');
  await values.press('End');
  await values.pressSequentially(', Team ');
  await expect(values).toHaveValue('Pro Plus, Team ');
});

test('a bad filter is named in the preview and on save', async ({ page }) => {
  await signIn(page, undefined, '/cohorts/new');
  await page.getByLabel('Days').fill('');
  await expect(page.getByRole('region', { name: 'Preview' }).getByRole('alert')).toContainText('conditions.0.days');
  await page.getByRole('button', { name: 'Save cohort' }).click();
  await expect(page.getByText('must not be empty', { exact: true })).toBeVisible();
  await expect(page.locator('span.field-error').filter({ hasText: 'needs a number of days' })).toBeVisible();
});
