import { expect, test } from '@playwright/test';

import { appApi, signIn, unique } from './helpers';
import { appRoutes, isPublic } from './routes';

test('an owner adds a viewer, who can read but is refused every admin action', async ({ page, browser }) => {
  const viewer = { email: `${unique('viewer')}@example.com`, password: 'viewer password 123' };

  await signIn(page, undefined, '/settings/team');
  await page.getByLabel('Email').fill(viewer.email);
  await page.getByLabel('Initial password').fill(viewer.password);
  await page.getByLabel('Role').selectOption('viewer');
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByRole('row', { name: new RegExp(viewer.email) })).toBeVisible();

  // The same email again is refused with a message on the field.
  await page.getByLabel('Email').fill(viewer.email.toUpperCase());
  await page.getByLabel('Initial password').fill(viewer.password);
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByText('already a team member')).toBeVisible();

  const context = await browser.newContext();
  const viewerPage = await context.newPage();
  await signIn(viewerPage, viewer, '/settings');
  await expect(viewerPage.getByText('Viewers can see keys but not create or revoke them.')).toBeVisible();
  await expect(viewerPage.getByRole('button', { name: 'Create write key' })).toHaveCount(0);

  // Reading is allowed…
  expect((await viewerPage.request.get('/api/v1/environments/production/write-keys')).status()).toBe(200);
  // …and the server refuses the action even when the UI is bypassed.
  const refused = await appApi(viewerPage).post('/api/v1/environments/production/write-keys', { data: { name: 'sneaky' } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe('forbidden');

  // Every changing method of every management route is refused to a viewer. The one POST that
  // changes nothing — a cohort preview, whose filter is too big for a query string — is a read.
  const readOnlyPosts = ['/api/v1/environments/production/cohorts/preview'];
  const preview = await appApi(viewerPage).post(readOnlyPosts[0] ?? '', { data: {} });
  expect(preview.status()).toBe(400);
  for (const route of appRoutes().filter((r) => r.kind === 'api' && !isPublic(r))) {
    for (const method of route.methods.filter((m) => m !== 'GET' && !(m === 'POST' && readOnlyPosts.includes(route.path)))) {
      const response = await appApi(viewerPage).fetch(route.path, { method, data: method === 'DELETE' ? undefined : {} });
      expect(response.status(), `${method} ${route.path}`).toBe(403);
    }
  }
  const keys = await viewerPage.request.get('/api/v1/environments/production/write-keys');
  expect(JSON.stringify(await keys.json())).not.toContain('sneaky');

  // Removing the viewer ends their access at the next request, not when the cookie expires.
  await page
    .getByRole('row', { name: new RegExp(viewer.email) })
    .getByRole('button', { name: 'Remove' })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove member' }).click();
  await expect(page.getByRole('row', { name: new RegExp(viewer.email) })).toHaveCount(0);
  expect((await viewerPage.request.get('/api/v1/me')).status()).toBe(401);
  await context.close();
});
