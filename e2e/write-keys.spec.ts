import { expect, test } from '@playwright/test';

import { signIn, unique } from './helpers';

test('an admin creates a write key, sees it once, and revokes it', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const name = unique('Backend');
  await signIn(page, undefined, '/settings');
  const card = page.getByRole('region', { name: 'Write keys for Production' });

  await card.getByLabel('New key name').fill(name);
  await card.getByRole('button', { name: 'Create write key' }).click();
  const shown = card.getByTestId('new-write-key');
  await expect(shown).toHaveText(/^sbk_[A-Za-z0-9_-]{43}$/);
  const key = (await shown.textContent()) ?? '';
  await expect(card.getByText('it will not be shown again')).toBeVisible();
  await card.getByRole('button', { name: 'Copy' }).click();
  await expect(card.getByRole('button', { name: 'Copied' })).toBeVisible();

  const row = card.getByRole('row', { name: new RegExp(name) });
  await expect(row.getByText(`${key.slice(0, 12)}…`)).toBeVisible();
  await expect(row.getByText('Active')).toBeVisible();

  // Shown once: after a reload only the prefix is left, in the page and in the API.
  await page.reload();
  await expect(page.getByText(key)).toHaveCount(0);
  const listed = await page.request.get('/api/v1/environments/production/write-keys');
  expect(await listed.text()).not.toContain(key);

  await card
    .getByRole('row', { name: new RegExp(name) })
    .getByRole('button', { name: 'Revoke' })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('refused from now on');
  await dialog.getByRole('button', { name: 'Revoke key' }).click();
  await expect(card.getByRole('row', { name: new RegExp(name) }).getByText(/^Revoked/)).toBeVisible();
  await expect(card.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: 'Revoke' })).toHaveCount(0);
});

test('a key name is required, and the message says so next to the field', async ({ page }) => {
  await signIn(page, undefined, '/settings?env=development');
  const card = page.getByRole('region', { name: 'Write keys for Development' });
  await card.getByRole('button', { name: 'Create write key' }).click();
  await expect(card.getByText('must not be empty')).toBeVisible();
  await expect(card.getByLabel('New key name')).toHaveAttribute('aria-invalid', 'true');
});

test('a browser that refuses the clipboard is told so, not shown "Copied"', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) },
    });
  });
  await signIn(page, undefined, '/settings?env=development');
  const card = page.getByRole('region', { name: 'Write keys for Development' });
  await card.getByLabel('New key name').fill(unique('No clipboard'));
  await card.getByRole('button', { name: 'Create write key' }).click();
  await card.getByRole('button', { name: 'Copy' }).click();
  await expect(card.getByRole('alert')).toContainText('did not allow copying');
  await expect(card.getByRole('button', { name: 'Copied' })).toHaveCount(0);
});
