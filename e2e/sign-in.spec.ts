import { expect, test } from '@playwright/test';

import { OWNER, signIn } from './helpers';

test('a wrong password is refused with a message, and nothing else is revealed', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That email and password do not match an account.')).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test('a page opened without a session returns to it after sign-in; sign-out ends the session', async ({ page }) => {
  await page.goto('/settings?env=development');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings/);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/settings\?env=development$/);
  await expect(page.getByRole('heading', { name: 'Write keys for Development' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto('/signals');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsignals/);
});

test('the sign-in form works from the keyboard alone', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type(OWNER.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(OWNER.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/signals$/);
});

test('signed-in people skip the sign-in page', async ({ page }) => {
  await signIn(page);
  await page.goto('/signin');
  await expect(page).toHaveURL(/\/signals$/);
});
