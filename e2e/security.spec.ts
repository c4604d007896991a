import fs from 'node:fs';
import { createServer, type IncomingMessage, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { expect, type Page, test } from '@playwright/test';
import { SignJWT } from 'jose';

import { appApi, signIn, unique } from './helpers';
import { appRoutes, isPublic } from './routes';

// Each hole an attacker found, tried again the way they tried it, against the built app: this
// spec fails if any one of them opens again (SECURITY.md says how each is closed).

const baseURL = () => String(test.info().project.use.baseURL);

/** A raw request, for what Playwright's request context cannot send: chunked bodies, a chosen source address. */
function raw(options: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | { chunk: Buffer; times: number };
  localAddress?: string;
}): Promise<{ status: number; headers: IncomingMessage['headers']; body: string; sentBytes: number }> {
  const url = new URL(options.path, baseURL());
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    // Fail, not hang, if the server never answers.
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`${options.method} ${options.path}: no answer within 30 s (${sentBytes} bytes sent)`));
    }, 30_000);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method,
        headers: options.headers,
        localAddress: options.localAddress,
        // A connection of its own: a kept-alive one may be closed by the server as it is reused.
        agent: false,
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sentBytes });
        });
        res.on('error', reject);
      },
    );
    let answered = false;
    req.on('response', () => (answered = true));
    // Once the answer is in, a reset of the rest of the upload is the server closing on it, as it should.
    req.on('error', (error) => {
      if (answered) return;
      clearTimeout(timer);
      reject(new Error(`${options.method} ${options.path}: ${error.message} after ${sentBytes} bytes, before any answer`));
    });
    const { body } = options;
    if (typeof body === 'string' || body === undefined) {
      req.end(body);
      return;
    }
    // Streamed as fast as the server reads it, stopping once the server has answered.
    let left = body.times;
    const pump = () => {
      while (left > 0 && !answered && !req.destroyed) {
        left--;
        sentBytes += body.chunk.length;
        if (!req.write(body.chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && !req.destroyed) req.end();
    };
    pump();
  });
}

/** The session cookie of a page, for replaying it as an attacker who copied it would. */
async function sessionCookie(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith('next-auth.session-token'));
  if (!session) throw new Error('no session cookie');
  return `${session.name}=${session.value}`;
}

/** A page on another origin of the same host (another port): same-site, not same-origin. */
async function startForeignSite(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A receiver on loopback (which the e2e server may reach) that keeps what it is sent. */
async function startReceiver(): Promise<{ url: string; port: number; bodies: string[]; close(): Promise<void> }> {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function writeKey(page: Page): Promise<string> {
  const created = await appApi(page).post('/api/v1/environments/production/write-keys', { data: { name: unique('security') } });
  return ((await created.json()) as { key: string }).key;
}

function serverMemoryMb(): number | null {
  const pidFile = path.resolve('.data-e2e', `${test.info().project.name}.pid`);
  if (!fs.existsSync(pidFile)) return null;
  const status = fs.readFileSync(`/proc/${fs.readFileSync(pidFile, 'utf8').trim()}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Number.isFinite(kb) ? kb / 1024 : null;
}

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

  test("5. cannot send the product's own events with a write key", async ({ page }) => {
    await signIn(page);
    const key = await writeKey(page);
    const headers = { authorization: `Bearer ${key}` };
    const forged = await page.request.post('/v1/track', {
      headers,
      data: { userId: 'mallory', event: 'signal.riskForAbandonment', properties: { reason: 'forged' } },
    });
    expect(forged.status()).toBe(400);
    expect(((await forged.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe('event');
    const marker = unique('innocent');
    const batch = await page.request.post('/v1/batch', {
      headers,
      data: {
        batch: [
          { type: 'track', userId: 'mallory', event: marker },
          { type: 'track', userId: 'mallory', event: ' Cohort.membersChanged' },
        ],
      },
    });
    expect(batch.status()).toBe(400);
    expect(((await batch.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe('batch.1.event');
    // Nothing of the refused batch was written.
    const tail = await appApi(page).get(`/api/v1/environments/production/events?name=${encodeURIComponent(marker)}`);
    expect(((await tail.json()) as { events: unknown[] }).events).toEqual([]);
  });

  test('6 and 7. cannot post mentions or links to Slack, nor get a retried message delivered twice', async ({ page }) => {
    const receiver = await startReceiver();
    try {
      await signIn(page);
      const key = await writeKey(page);
      const event = unique('hostile.event');
      const slack = await appApi(page).post('/api/v1/environments/production/connections', {
        data: { kind: 'slack', name: unique('slack'), url: receiver.url, eventKeys: [event] },
      });
      expect(slack.status()).toBe(201);
      const user = unique('wanderer');
      const hostile = { note: '<!channel> <http://evil.example|Review now>', '<!here>': '&' };
      const track = () =>
        page.request.post('/v1/track', {
          headers: { authorization: `Bearer ${key}` },
          data: { messageId: `retry-${user}`, userId: user, event, properties: hostile },
        });
      expect((await track()).status()).toBe(200);
      // A group call moves the user to an account; the retry of the same message now resolves to it.
      expect(
        (
          await page.request.post('/v1/group', {
            headers: { authorization: `Bearer ${key}` },
            data: { userId: user, groupId: unique('newco') },
          })
        ).status(),
      ).toBe(200);
      expect((await track()).status()).toBe(200);

      await expect.poll(() => receiver.bodies.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(receiver.bodies).toHaveLength(1);
      const message = receiver.bodies[0] ?? '';
      expect(message).not.toMatch(/<!channel>|<!here>|<http:\/\/evil/);
      expect(message).toContain('&lt;!channel&gt;');
      const tail = await appApi(page).get(`/api/v1/environments/production/events?name=${encodeURIComponent(event)}`);
      expect(((await tail.json()) as { events: unknown[] }).events).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  test('8. cannot store a header that breaks every send', async ({ page }) => {
    const receiver = await startReceiver();
    try {
      await signIn(page);
      const created = await appApi(page).post('/api/v1/environments/production/connections', {
        data: { kind: 'webhook', name: unique('headers'), url: receiver.url, eventKeys: ['order.completed'] },
      });
      const { connection } = (await created.json()) as { connection: { id: string } };
      const url = `/api/v1/environments/production/connections/${connection.id}`;
      for (const name of ['X Evil', 'X-Evil\r\nInjected: yes', 'Content-Type', 'webhook-signature']) {
        const refused = await appApi(page).patch(url, { data: { headers: [{ name, value: 'v' }] } });
        expect(refused.status(), name).toBe(400);
        expect(((await refused.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path, name).toBe(
          'headers.0.name',
        );
      }
      const badValue = await appApi(page).patch(url, { data: { headers: [{ name: 'X-Team', value: 'a\nb' }] } });
      expect(badValue.status()).toBe(400);
      // Trimmed as on create, and then sent like any header.
      expect((await appApi(page).patch(url, { data: { headers: [{ name: ' X-Evil', value: 'fine' }] } })).status()).toBe(200);
      const sent = await appApi(page).post(`${url}/test`, { data: { eventKey: 'order.completed' } });
      expect(((await sent.json()) as { status: string }).status).toBe('succeeded');
    } finally {
      await receiver.close();
    }
  });

  test('9. cannot replay an old Frontegg token, nor learn which environments exist', async ({ page }) => {
    const send = (environment: string, token: string) =>
      page.request.post(`/api/v1/inbound/frontegg?environment=${environment}`, {
        headers: { 'x-webhook-secret': token },
        data: { eventKey: 'frontegg.user.authenticated', eventContext: { tenantId: 't', userId: 'u' } },
      });
    const secret = new TextEncoder().encode(unique('frontegg-secret-value'));
    const forever = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    const decade = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('3650d')
      .sign(secret);
    const unknown = await send('no-such-environment', forever);
    const known = await send('production', decade);
    expect(unknown.status()).toBe(401);
    expect(known.status()).toBe(401);
    expect(await unknown.json()).toEqual(await known.json());
  });

  test('12. cannot reach loopback through an IPv4-compatible IPv6 address', async ({ page }) => {
    const receiver = await startReceiver();
    try {
      await signIn(page);
      const created = await appApi(page).post('/api/v1/environments/production/connections', {
        data: {
          kind: 'webhook',
          name: unique('ssrf'),
          url: `http://[::127.0.0.1]:${receiver.port}/hook`,
          eventKeys: ['order.completed'],
        },
      });
      const { connection } = (await created.json()) as { connection: { id: string } };
      const sent = await appApi(page).post(`/api/v1/environments/production/connections/${connection.id}/test`, {
        data: { eventKey: 'order.completed' },
      });
      const result = (await sent.json()) as { status: string; outcome: { ok: boolean; error?: string } };
      expect(result.status).toBe('failed');
      expect(result.outcome).toMatchObject({ ok: false, error: 'refused' });
      expect(receiver.bodies).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
