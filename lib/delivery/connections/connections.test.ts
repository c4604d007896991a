import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { connections, environments } from '@/lib/db/schema';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { findFronteggTarget, setFronteggSecret } from '@/lib/environments/frontegg-secret';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { ValidationError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/error-response';
import { parseJsonBody } from '@/lib/http/parse-body';
import { describeEachDatabase } from '@/lib/testing/databases';

import { openSecret, sealSecret } from '../secret-box';
import { createConnection } from './create-connection';
import { listConnections } from './queries';
import { createConnectionInput, updateConnectionInput } from './schemas';
import { updateConnection } from './update-connection';

describeEachDatabase('connections', (database) => {
  let environmentId: number;
  beforeAll(async () => {
    await ensureBuiltInEnvironments(database().db);
    environmentId = (await getEnvironmentBySlug(database().db, 'production')).id;
  });

  it('keeps secrets sealed at rest and never shows them after creation', async () => {
    const input = createConnectionInput.parse({
      kind: 'webhook',
      name: 'Billing',
      url: 'https://hooks.example.com/in',
      eventKeys: ['signal.riskForAbandonment'],
      headers: [{ name: 'Authorization', value: 'Bearer top-secret-token' }],
    });
    const { connection, secret } = await createConnection(database().db, environmentId, input);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const [stored] = await database().db.select().from(connections).where(eq(connections.id, connection.id));
    const everythingStored = JSON.stringify(stored);
    expect(everythingStored).not.toContain(secret);
    expect(everythingStored).not.toContain('top-secret-token');
    const listed = JSON.stringify(await listConnections(database().db, environmentId));
    expect(listed).not.toContain(secret);
    expect(listed).not.toContain('top-secret-token');
    expect(listed).toContain('Authorization');

    const slack = await createConnection(
      database().db,
      environmentId,
      createConnectionInput.parse({
        kind: 'slack',
        name: 'Alerts',
        url: 'https://hooks.slack.com/services/T0/B0/abcdSECRET',
        eventKeys: ['x'],
      }),
    );
    expect(slack.secret).toBeUndefined();
    expect(slack.connection.slackUrlHint).toBe('hooks.slack.com/…CRET');
    expect(JSON.stringify(await listConnections(database().db, environmentId))).not.toContain('abcdSECRET');
  });

  it('keeps the Frontegg secret sealed too', async () => {
    await setFronteggSecret(database().db, 'production', 'frontegg-hook-secret-1');
    const [row] = await database().db.select().from(environments).where(eq(environments.slug, 'production'));
    expect(row?.fronteggWebhookSecret).toMatch(/^sb1:/);
    expect((await findFronteggTarget(database().db, 'production'))?.secret).toBe('frontegg-hook-secret-1');
  });

  it('names the field to fix in bad input, and refuses fields of another kind', async () => {
    const bad = createConnectionInput.safeParse({
      kind: 'webhook',
      name: '',
      url: 'ftp://x',
      eventKeys: [],
      headers: [{ name: 'Host', value: 'x' }],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'url', 'eventKeys', 'headers.0.name']));
    expect(createConnectionInput.safeParse({ kind: 'pager' }).error?.issues[0]?.message).toMatch(/webhook, slack or email/);
    expect(updateConnectionInput.safeParse({ secret: 'x' }).success).toBe(false);

    const { connection } = await createConnection(
      database().db,
      environmentId,
      createConnectionInput.parse({ kind: 'email', name: 'Ops', recipients: ['ops@example.com'], eventKeys: ['x'] }),
    );
    await expect(updateConnection(database().db, environmentId, connection.id, { url: 'https://x.example' })).rejects.toThrow(
      /url: does not apply to a email connection/,
    );
  });

  it('stores an edited header name as create does: trimmed, so every send can use it', async () => {
    const { connection } = await createConnection(
      database().db,
      environmentId,
      createConnectionInput.parse({ kind: 'webhook', name: 'Trim', url: 'https://hooks.example.com/t', eventKeys: ['x'] }),
    );
    const edited = await updateConnection(
      database().db,
      environmentId,
      connection.id,
      updateConnectionInput.parse({ headers: [{ name: ' X-Evil', value: 'v' }] }),
    );
    expect(edited.headerNames).toEqual(['X-Evil']);
    const [stored] = await database().db.select().from(connections).where(eq(connections.id, connection.id));
    expect(Object.keys(JSON.parse(openSecret(stored?.secretsEncrypted ?? '')).headers)).toEqual(['X-Evil']);
  });

  it('keeps a header value that an edit leaves out, and asks for the value of a new one', async () => {
    const { connection } = await createConnection(
      database().db,
      environmentId,
      createConnectionInput.parse({
        kind: 'webhook',
        name: 'Headers',
        url: 'https://hooks.example.com/h',
        eventKeys: ['x'],
        headers: [{ name: 'X-Token', value: 'keep-me' }],
      }),
    );
    const edited = await updateConnection(database().db, environmentId, connection.id, {
      headers: [{ name: 'X-Token', value: null }],
    });
    expect(edited.headerNames).toEqual(['X-Token']);
    const [stored] = await database().db.select().from(connections).where(eq(connections.id, connection.id));
    expect(openSecret(stored?.secretsEncrypted ?? '')).toContain('keep-me');
    await expect(
      updateConnection(database().db, environmentId, connection.id, { headers: [{ name: 'X-New', value: null }] }),
    ).rejects.toThrow(/headers.0.value/);
    // "Keep the stored value" keeps only a value stored under that very name, not an inherited one.
    for (const name of ['__proto__', 'constructor', 'toString']) {
      await expect(
        updateConnection(database().db, environmentId, connection.id, { headers: [{ name, value: null }] }),
      ).rejects.toThrow(/headers.0.value/);
    }
  });
});

describe('extra headers', () => {
  /** What PATCH …/connections/{id} answers for this body, and the issues creating a webhook with the same headers gets. */
  async function refusals(headers: unknown[]) {
    const request = new Request('http://localhost/', { method: 'PATCH', body: JSON.stringify({ headers }) });
    const error = await parseJsonBody(request, updateConnectionInput).then(
      () => null,
      (e: unknown) => e,
    );
    const created = createConnectionInput.safeParse({
      kind: 'webhook',
      name: 'H',
      url: 'https://h.example',
      eventKeys: ['x'],
      headers,
    });
    return {
      error,
      response: error ? errorResponse(error) : null,
      createPaths: created.error?.issues.map((i) => i.path.join('.')) ?? [],
    };
  }

  it('are refused on edit exactly as on create, naming the field', async () => {
    const cases: [unknown[], string][] = [
      [[{ name: 'X Evil', value: 'v' }], 'headers.0.name'],
      [[{ name: 'X-Evil\r\nX-Injected', value: 'v' }], 'headers.0.name'],
      [[{ name: 'X-Évil', value: 'v' }], 'headers.0.name'],
      [[{ name: '', value: 'v' }], 'headers.0.name'],
      [[{ name: 'X-Ok', value: 'v\r\nX-Injected: 1' }], 'headers.0.value'],
      [[{ name: 'X-Ok', value: 'v\u0000' }], 'headers.0.value'],
      [[{ name: 'X-Ok', value: 'v\n' }], 'headers.0.value'],
      // The same name twice once trimmed, in any case: Node would send one of them, or refuse " x-evil".
      [
        [
          { name: 'X-Evil', value: 'a' },
          { name: ' x-evil', value: 'b' },
        ],
        'headers.1.name',
      ],
      [Array.from({ length: 21 }, (_, i) => ({ name: `X-H${i}`, value: 'v' })), 'headers'],
      ...[
        'Host',
        'content-type',
        'Content-Length',
        'Transfer-Encoding',
        'Connection',
        'Keep-Alive',
        'Upgrade',
        'TE',
        'Trailer',
        'Expect',
        'User-Agent',
        'webhook-id',
        'Webhook-Timestamp',
        'webhook-signature',
        'X-Webhook-Secret',
        ' content-type ',
      ].map((name): [unknown[], string] => [[{ name, value: 'v' }], 'headers.0.name']),
    ];
    for (const [headers, path] of cases) {
      const { error, response, createPaths } = await refusals(headers);
      const label = JSON.stringify(headers).slice(0, 80);
      expect(error, label).toBeInstanceOf(ValidationError);
      expect(
        (error as ValidationError).issues?.map((i) => i.path),
        label,
      ).toEqual([path]);
      expect(response?.status, label).toBe(400);
      expect(((await response?.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
      expect(createPaths, label).toEqual([path]);
    }
  });

  it('accept what Node sends as it is: RFC 9110 tokens, printable values, null to keep a stored value', async () => {
    const { error } = await refusals([
      { name: "X-Odd!#$%&'*+.^_`|~", value: 'Bearer a b\tc' },
      { name: 'Authorization', value: null },
    ]);
    expect(error).toBeNull();
  });
});

it('refuses to open a secret sealed with another key, naming what to set', () => {
  const sealed = sealSecret('hello');
  expect(openSecret(sealed)).toBe('hello');
  const [prefix, , iv, tag, body] = sealed.split(':');
  expect(() => openSecret([prefix, 'deadbeef', iv, tag, body].join(':'))).toThrow(/SECRETS_KEY/);
});
