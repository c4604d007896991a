import { expect, test } from '@playwright/test';

import { baseURL, raw, serverMemoryMb, sessionCookie, startForeignSite } from './attacker';
import { appApi, signIn, unique } from './helpers';
import { appRoutes, isPublic } from './routes';

// Each hole an attacker found at the edge (forms, bodies, redirects, passwords, sessions), tried
// again the way they tried it, against the built app: this spec fails if any one of them opens
// again (SECURITY.md says how each is closed; security-data.spec.ts holds what they sent in).

test.describe('an attacker', () => {
  test('1. cannot make a signed-in owner create an owner from a form on another port (CSRF)', async ({ page }) => {
    await signIn(page);
    const email = `${unique('csrf')}@example.com`;
    // The field name spells a JSON body; enctype text/plain sends it as `name=value`.
    const name = `{"email":"${email}","password":"attacker password 123","role":"owner","x":"`;
    const site = await startForeignSite(`<!doctype html><form id="f" method="POST" enctype="text/plain"
      action="${baseURL()}/api/v1/admins"><input name='${name}' value='"}'></form>
      <script>document.getElementById('f').submit()</script>`);
    try {
      const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/admins') && r.request().method() === 'POST');
      await page.goto(site.url);
      expect((await refused).status()).toBe(403);
    } finally {
      await site.close();
    }
    const admins = await appApi(page).get('/api/v1/admins');
    expect(JSON.stringify(await admins.json())).not.toContain(email);

    // Every changing method of every management route refuses another origin, and a body that is not JSON.
    const foreign = { origin: 'http://127.0.0.1:9', 'content-type': 'application/json' };
    for (const route of appRoutes().filter((r) => r.kind === 'api' && !isPublic(r))) {
      for (const method of route.methods.filter((m) => m !== 'GET')) {
        const response = await page.request.fetch(route.path, { method, headers: foreign, data: '{}' });
        expect(response.status(), `${method} ${route.path}`).toBe(403);
      }
    }
    const asForm = await appApi(page).post('/api/v1/admins', {
      headers: { 'content-type': 'text/plain' },
      data: JSON.stringify({ email, password: 'attacker password 123', role: 'owner' }),
    });
    expect(asForm.status()).toBe(403);
    const setup = await page.request.post('/api/v1/setup', { headers: foreign, data: '{}' });
    expect(setup.status()).toBe(403);
  });

  test('2. cannot exhaust memory with endless bodies, anonymous or signed in', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page);
    const cookie = await sessionCookie(page);
    const before = serverMemoryMb();
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const endless = (requestPath: string, headers: Record<string, string>) =>
      raw({
        method: 'POST',
        path: requestPath,
        headers: { 'transfer-encoding': 'chunked', ...headers },
        // 200 MB each, as the attacker sent.
        body: { chunk, times: 3200 },
      });
    const json = { 'content-type': 'application/json', origin: baseURL() };
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => endless('/api/v1/admins', { ...json, cookie })),
      ...Array.from({ length: 3 }, () =>
        endless('/api/auth/callback/credentials', { 'content-type': 'application/x-www-form-urlencoded' }),
      ),
      ...Array.from({ length: 3 }, () => endless('/api/v1/setup', json)),
    ]);
    for (const result of results.slice(0, 7)) {
      expect(result.status).toBe(413);
      // Refused long before the end of the upload (what it still sends meanwhile is dropped).
      expect(result.sentBytes).toBeLessThan(100 * 1024 * 1024);
    }
    // Setup is over: refused before a byte of the body is read.
    for (const result of results.slice(7)) expect(result.status).toBe(409);
    const declared = await raw({
      method: 'POST',
      path: '/api/v1/environments',
      headers: { ...json, cookie, 'content-length': String(2 * 1024 ** 3) },
      body: '',
    }).catch(() => null);
    expect(declared?.status).toBe(413);
    const after = serverMemoryMb();
    if (before !== null && after !== null) expect(after - before).toBeLessThan(200);
    expect((await page.request.get('/api/health')).status()).toBe(200);
  });

  test('2b. gets a 400 naming the field, never a 500, for values that cannot be stored', async ({ page }) => {
    await signIn(page);
    for (const path of ['/api/v1/environments/%00', '/api/v1/environments/production/events?name=%00', '/accounts/%00']) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(400);
    }
    const created = await appApi(page).post('/api/v1/environments', { data: { name: 'a\u0000b' } });
    expect(created.status()).toBe(400);
    expect(((await created.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe('name');
    // Signing in with one, as a form and as JSON: refused, and nothing of the database leaks.
    const csrf = await raw({ method: 'GET', path: '/api/auth/csrf' });
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const cookie = (csrf.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const fields = { email: 'a\u0000b@example.com', password: 'whatever password', csrfToken, json: 'true' };
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', new URLSearchParams(fields).toString()],
      ['application/json', JSON.stringify(fields)],
    ] as const) {
      const answer = await raw({
        method: 'POST',
        path: '/api/auth/callback/credentials',
        headers: { 'content-type': type, cookie },
        body,
      });
      expect(answer.status, type).toBe(401);
      expect(answer.body, type).not.toMatch(/query|sign_in|select|insert/i);
    }
  });

  test('3. cannot send someone elsewhere after sign-in (open redirect)', async ({ page }) => {
    for (const callback of [
      '%2F%09%2F127.0.0.1%3A9999%2Fphish',
      '%2F%0A%2F127.0.0.1%3A9999%2Fphish',
      '%2F%5C127.0.0.1%3A9999',
      '%2Fx%2F..%2F%2F127.0.0.1%3A9999',
    ]) {
      const response = await page.request.get(`/signin?callbackUrl=${callback}`, { maxRedirects: 0 });
      expect(response.status(), callback).toBeLessThan(500);
    }
    await signIn(page);
    await page.goto('/signin?callbackUrl=%2F%09%2F127.0.0.1%3A9999%2Fphish');
    await expect(page).toHaveURL((url) => url.origin === new URL(baseURL()).origin && url.pathname === '/signals');
    const redirect = await page.request.get('/signin?callbackUrl=%2F%0A%2F127.0.0.1%3A9999%2Fphish', { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers().location).toBe('/signals');
  });

  test('4. is slowed when guessing passwords, without locking out the real person', async ({ page }) => {
    await signIn(page, undefined, '/settings/team');
    const victim = { email: `${unique('victim')}@example.com`, password: 'the victim password 42' };
    expect((await appApi(page).post('/api/v1/admins', { data: { ...victim, role: 'viewer' } })).status()).toBe(201);

    // The attacker, from another loopback address. Its CSRF token is fetched once and reused, so
    // that each guess follows the last one's answer at once (the first lock lasts a second).
    const tokens = new Map<string, Promise<{ csrfToken: string; csrfCookie: string }>>();
    const csrfOf = async (localAddress: string) => {
      const csrf = await raw({ method: 'GET', path: '/api/auth/csrf', localAddress });
      const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
      return { csrfToken, csrfCookie: (csrf.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ') };
    };
    const attempt = async (password: string, localAddress: string) => {
      if (!tokens.has(localAddress)) tokens.set(localAddress, csrfOf(localAddress));
      const { csrfToken, csrfCookie } = await tokens.get(localAddress)!;
      return raw({
        method: 'POST',
        path: '/api/auth/callback/credentials',
        localAddress,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
        body: new URLSearchParams({ email: victim.email, password, csrfToken, json: 'true' }).toString(),
      });
    };
    const attacker = '127.0.0.7';
    for (let i = 0; i < 5; i++) expect((await attempt(`guess number ${i}`, attacker)).status).toBe(401);
    const locked = await attempt('guess number 5', attacker);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // Even the right password waits while locked…
    expect((await attempt(victim.password, attacker)).status).toBe(429);

    // …but the victim, from their own address, signs in at once.
    const context = await page.context().browser()?.newContext({ baseURL: baseURL() });
    if (!context) throw new Error('no browser');
    const victimPage = await context.newPage();
    await signIn(victimPage, victim, '/signals');
    await context.close();

    // And the lock ends by itself.
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 200));
    expect((await attempt(victim.password, attacker)).status).toBe(200);

    // The owner sees who was tried, from where.
    await page.reload();
    const failures = page.getByRole('table', { name: 'Failed sign-ins' });
    await expect(
      failures
        .getByRole('row', { name: new RegExp(`${victim.email}.*${attacker.replace(/\./g, '\\.')}.*Wrong password`) })
        .first(),
    ).toBeVisible();
  });

  test('4b. sees how long to wait in the sign-in form', async ({ page }) => {
    const email = `${unique('nobody')}@example.com`;
    await page.goto('/signin');
    const wrong = page.getByText('That email and password do not match an account.');
    const throttled = page.getByText(/Too many failed sign-ins\. Try again in \d+ s\./);
    // Five failures lock the email from this address for 1 s, the next for 2 s, then 4 s…: within
    // a few more tries one lands inside a lock, however slow the machine.
    let tries = 0;
    while (tries < 10 && !(await throttled.isVisible())) {
      tries++;
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(`wrong password ${tries}`);
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/callback/credentials'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await answered;
      await expect(wrong.or(throttled)).toBeVisible();
    }
    await expect(throttled).toBeVisible();
    expect(tries).toBeGreaterThan(5);
  });

  test('10. cannot reuse a session after sign-out or a password change', async ({ page, browser }) => {
    const member = { email: `${unique('member')}@example.com`, password: 'member password 1234' };
    await signIn(page);
    expect((await appApi(page).post('/api/v1/admins', { data: { ...member, role: 'admin' } })).status()).toBe(201);

    const context = await browser.newContext({ baseURL: baseURL() });
    const memberPage = await context.newPage();
    await signIn(memberPage, member);
    const copied = await sessionCookie(memberPage);
    const me = () => raw({ method: 'GET', path: '/api/v1/me', headers: { cookie: copied } });
    expect((await me()).status).toBe(200);
    await memberPage.getByRole('button', { name: 'Sign out' }).click();
    await expect(memberPage).toHaveURL(/\/signin/);
    expect((await me()).status).toBe(401);
    // next-auth's own session endpoint does not vouch for it either, nor renew its cookie.
    const session = await raw({ method: 'GET', path: '/api/auth/session', headers: { cookie: copied } });
    expect(JSON.parse(session.body)).toEqual({});
    expect(session.headers['set-cookie'] ?? []).toEqual([]);

    // Signed in again; the owner changes the member's password: the copied cookie is dead at once.
    await signIn(memberPage, member);
    const second = await sessionCookie(memberPage);
    expect((await raw({ method: 'GET', path: '/api/v1/me', headers: { cookie: second } })).status).toBe(200);
    const admins = (await (await appApi(page).get('/api/v1/admins')).json()) as { admins: { id: string; email: string }[] };
    const id = admins.admins.find((a) => a.email === member.email)?.id;
    expect((await appApi(page).patch(`/api/v1/admins/${id}`, { data: { password: 'a brand new password 1' } })).status()).toBe(
      200,
    );
    expect((await raw({ method: 'GET', path: '/api/v1/me', headers: { cookie: second } })).status).toBe(401);
    await context.close();
    // The owner's own session, which made the change, goes on.
    expect((await page.request.get('/api/v1/me')).status()).toBe(200);
  });
});
