import path from 'node:path';
import { type Page, expect } from '@playwright/test';

export const OWNER = { email: 'owner@example.com', password: 'correct horse battery staple' };

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
