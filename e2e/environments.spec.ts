import { expect, test } from '@playwright/test';

import { signIn, unique } from './helpers';

test('Production is the default view; switching environment puts it in the URL and keeps it across pages', async ({ page }) => {
  await signIn(page);
  await expect(page.getByText('in Production.')).toBeVisible();
  await expect(page.getByLabel('Environment', { exact: true })).toHaveValue('production');

  await page.getByLabel('Environment', { exact: true }).selectOption('development');
  await expect(page).toHaveURL(/\/signals\?env=development$/);
  await expect(page.getByText('in Development.')).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings\?env=development$/);
  await expect(page.getByRole('heading', { name: 'Write keys for Development' })).toBeVisible();

  // The link works on its own: a fresh load of the shared URL shows the same environment.
  await page.goto('/cohorts?env=development');
  await expect(page.getByText('in Development.')).toBeVisible();
  await page.goto('/cohorts?env=no-such-env');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
});

test('an admin adds, renames and deletes an environment; built-in ones stay', async ({ page }) => {
  const name = unique('Staging');
  await signIn(page, undefined, '/settings');
  const card = page.getByRole('region', { name: 'Environments' });

  await card.getByRole('button', { name: 'Add environment' }).click();
  await expect(card.getByText('must not be empty')).toBeVisible();

  await card.getByLabel('New environment').fill(name);
  await card.getByRole('button', { name: 'Add environment' }).click();
  const row = card.getByRole('row', { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expect(page.getByLabel('Environment', { exact: true }).locator('option', { hasText: name })).toHaveCount(1);

  const slug = name.toLowerCase();
  await page.getByLabel('Environment', { exact: true }).selectOption(slug);
  await expect(page).toHaveURL(new RegExp(`env=${slug}`));
  await expect(page.getByRole('heading', { name: `Write keys for ${name}` })).toBeVisible();

  await row.getByRole('button', { name: 'Rename' }).click();
  await card.getByLabel(`New name for ${name}`).fill(`${name} EU`);
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByRole('cell', { name: `${name} EU` })).toBeVisible();

  await card
    .getByRole('row', { name: new RegExp(`${name} EU`) })
    .getByRole('button', { name: 'Delete' })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete environment' }).click();
  await expect(card.getByRole('cell', { name: `${name} EU` })).toHaveCount(0);
  // It was the environment on view: the page moves to the default one instead of "Not found".
  await expect(page).not.toHaveURL(new RegExp(`env=${slug}`));

  // Built-in environments offer neither rename nor delete.
  const production = card.getByRole('row', { name: /Production/ });
  await expect(production).toBeVisible();
  await expect(production.getByRole('button')).toHaveCount(0);
});
