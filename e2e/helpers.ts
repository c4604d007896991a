import path from 'node:path';

import { type APIRequestContext, expect, type Page, test } from '@playwright/test';

export const OWNER = { email: 'owner@example.com', password: 'correct horse battery staple' };

type RequestOptions = NonNullable<Parameters<APIRequestContext['fetch']>[1]>;

/**
 * The management API as the app's own pages call it. A browser puts the page's Origin on every
 * change it sends; Playwright's request context does not, and the server refuses changes without
 * it (lib/http/same-origin.ts), so the specs that call the API directly say where they come from.
 */
export function appApi(from: Page | APIRequestContext) {
  const request = 'request' in from ? from.request : from;
  const origin = String(test.info().project.use.baseURL);
  const withOrigin = (options: RequestOptions = {}): RequestOptions => ({
    ...options,
    headers: { origin, ...options.headers },
  });
  return {
    get: (url: string, options?: RequestOptions) => request.get(url, options),
    post: (url: string, options?: RequestOptions) => request.post(url, withOrigin(options)),
    put: (url: string, options?: RequestOptions) => request.put(url, withOrigin(options)),
    patch: (url: string, options?: RequestOptions) => request.patch(url, withOrigin(options)),
    delete: (url: string, options?: RequestOptions) => request.delete(url, withOrigin(options)),
    fetch: (url: string, options?: RequestOptions) => request.fetch(url, withOrigin(options)),
  };
}

/** A value unique to this run and worker, for names that must not collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export async function signIn(page: Page, who: { email: string; password: string } = OWNER, path = '/signals'): Promise<void> {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => url.pathname === path.split('?')[0]);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** The PGlite data folder of the e2e server (see scripts/e2e-server.ts). */
export const pgliteDataDir = path.resolve('.data-e2e', 'pglite');
