import { expect, test } from '@playwright/test';
import { SignJWT } from 'jose';

import { startReceiver, writeKey } from './attacker';
import { appApi, signIn, unique } from './helpers';

// Each hole an attacker found in what they could send in (product events, Slack text, headers,
// Frontegg tokens, addresses), tried again against the built app (SECURITY.md says how each is
// closed; security.spec.ts holds the edge's).

test.describe('an attacker', () => {
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
