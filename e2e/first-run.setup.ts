import { expect, test } from '@playwright/test';

import { appApi, OWNER } from './helpers';

test('first run: the setup page creates the owner, then is gone', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: /welcome/i }).or(page.getByText('Welcome to Signalboard'))).toBeVisible();

  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill('too short');
  await page.getByLabel('Confirm password').fill('too short');
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await expect(page.getByText('must be at least 12 characters')).toBeVisible();

  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByLabel('Confirm password').fill(`${OWNER.password}!`);
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await expect(page.getByText('The two passwords differ.')).toBeVisible();

  await page.getByLabel('Confirm password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await expect(page).toHaveURL(/\/signals$/);
  await expect(page.getByRole('heading', { name: 'Signals', exact: true })).toBeVisible();
  await expect(page.getByText(OWNER.email)).toBeVisible();

  // Setup is one-time: the page now sends people to sign-in, and the API refuses.
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/signals$/);
  const again = await appApi(page).post('/api/v1/setup', {
    data: { email: 'late@example.com', password: 'another long password' },
  });
  expect(again.status()).toBe(409);
});
