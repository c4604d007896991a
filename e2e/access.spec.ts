import { expect, test } from '@playwright/test';

import { appApi } from './helpers';
import { appRoutes, isPublic } from './routes';

const protectedRoutes = appRoutes().filter((r) => !isPublic(r));
const pages = protectedRoutes.filter((r) => r.kind === 'page');
const apis = protectedRoutes.filter((r) => r.kind === 'api');

test('the route list found on disk covers the dashboard and the management API', () => {
  expect(pages.map((p) => p.path)).toEqual(
    expect.arrayContaining(['/', '/signals', '/accounts', '/cohorts', '/connections', '/events', '/settings']),
  );
  expect(apis.length).toBeGreaterThanOrEqual(6);
  for (const api of apis) expect(api.methods.length, `${api.file} exports no handler`).toBeGreaterThan(0);
});

test('every dashboard page redirects to sign-in without a session', async ({ request }) => {
  for (const page of pages) {
    const response = await request.get(page.path, { maxRedirects: 0 });
    expect(response.status(), `${page.path} (${page.file})`).toBe(307);
    expect(response.headers().location, page.path).toMatch(/\/signin\?callbackUrl=/);
  }
});

test('every management route answers 401 without a session, for every method', async ({ request }) => {
  for (const api of apis) {
    for (const method of api.methods) {
      const response = await appApi(request).fetch(api.path, {
        method,
        data: method === 'GET' || method === 'DELETE' ? undefined : {},
        maxRedirects: 0,
      });
      expect(response.status(), `${method} ${api.path} (${api.file})`).toBe(401);
      expect(await response.json(), `${method} ${api.path}`).toEqual({
        error: { code: 'unauthorized', message: 'Sign in to continue.' },
      });
    }
  }
});

test('health is public and reports the app and the database', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', app: 'up', database: { status: 'up' } });
});
