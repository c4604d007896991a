import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { connections, environments } from '@/lib/db/schema';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { findFronteggTarget, setFronteggSecret } from '@/lib/environments/frontegg-secret';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
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
  });
});

it('refuses to open a secret sealed with another key, naming what to set', () => {
  const sealed = sealSecret('hello');
  expect(openSecret(sealed)).toBe('hello');
  const [prefix, , iv, tag, body] = sealed.split(':');
  expect(() => openSecret([prefix, 'deadbeef', iv, tag, body].join(':'))).toThrow(/SECRETS_KEY/);
});
