import { expect, test } from '@playwright/test';
import { SignJWT } from 'jose';

import { appApi, signIn, unique } from './helpers';

test('events sent with a write key appear in the live tail and the catalog, and filter by account through the URL', async ({
  page,
}) => {
  await signIn(page, undefined, '/events');
  const created = await appApi(page).post('/api/v1/environments/production/write-keys', { data: { name: unique('tail') } });
  const { key } = await created.json();
  const account = unique('acct');
  const other = unique('other');

  const batch = [
    { type: 'identify', userId: 'tail-user', traits: { email: 'tail@example.com' } },
    { type: 'track', userId: 'tail-user', event: 'frontegg.user.authenticated', context: { groupId: account } },
    { type: 'track', userId: 'tail-user-2', event: 'report.exported', properties: { tenantId: other, format: 'csv' } },
  ];
  const sent = await page.request.post('/v1/batch', { headers: { authorization: `Bearer ${key}` }, data: { batch } });
  expect(sent.status()).toBe(200);

  const tail = page.getByRole('table', { name: 'Recent events' });
  await expect(tail.getByRole('row', { name: new RegExp(account) })).toBeVisible();
  await expect(tail.getByRole('row', { name: new RegExp(other) })).toBeVisible();

  await page.getByLabel('Account').fill(account);
  await page.getByLabel('Account').press('Enter');
  await expect(page).toHaveURL(new RegExp(`account=${account}`));
  await expect(tail.getByRole('row', { name: new RegExp(account) })).toBeVisible();
  await expect(tail.getByRole('row', { name: new RegExp(other) })).toHaveCount(0);

  // The filtered view is a link: loading it afresh shows the same thing.
  await page.reload();
  await expect(page.getByLabel('Account')).toHaveValue(account);
  await expect(tail.getByRole('row', { name: new RegExp(other) })).toHaveCount(0);

  // The catalog lists Frontegg's built-in events with counts, and custom ones once seen.
  const auth = page.getByRole('table', { name: 'Authentication' });
  await expect(auth.getByRole('row', { name: /frontegg\.user\.authenticated\b.*User authenticated/ })).toBeVisible();
  const custom = page.getByRole('table', { name: 'Seen in this environment' });
  await expect(custom.getByRole('row', { name: /report\.exported/ })).toBeVisible();
});

test('the live tail of an empty environment explains how to send the first event', async ({ page }) => {
  const name = unique('Empty');
  await signIn(page, undefined, '/settings');
  const created = await appApi(page).post('/api/v1/environments', { data: { name } });
  const { environment } = await created.json();
  await page.goto(`/events?env=${environment.slug}`);
  await expect(page.getByText('No events yet')).toBeVisible();
  await expect(page.getByText(/curl -X POST .*\/v1\/track/)).toBeVisible();
});

test('Frontegg webhooks are refused until a secret is set, then arrive as events', async ({ page, request }) => {
  const secret = `secret-${unique('fg')}`;
  const tenant = unique('tenant');
  const body = {
    eventKey: 'frontegg.user.invitedToTenant',
    eventContext: { tenantId: tenant, userId: 'fg-user' },
    user: { id: 'fg-user', email: 'fg@example.com' },
  };
  const signature = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .sign(new TextEncoder().encode(secret));
  const send = () =>
    request.post('/api/v1/inbound/frontegg?environment=development', { headers: { 'x-webhook-secret': signature }, data: body });

  expect((await send()).status()).toBe(401);
  await signIn(page, undefined, '/settings?env=development');
  const card = page.getByRole('region', { name: 'Frontegg webhooks for Development' });
  await expect(card.getByText('/api/v1/inbound/frontegg?environment=development')).toBeVisible();
  await card.getByLabel(/Secret key|Replace the secret/).fill(secret);
  await card.getByRole('button', { name: 'Save secret' }).click();
  await expect(card.getByText('Secret set')).toBeVisible();

  expect((await send()).status()).toBe(200);
  await page.goto(`/events?env=development&account=${tenant}`);
  await expect(
    page.getByRole('table', { name: 'Recent events' }).getByRole('cell', { name: 'frontegg.user.invitedToTenant', exact: true }),
  ).toBeVisible();
});
