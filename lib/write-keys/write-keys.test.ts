import { beforeAll, expect, it } from 'vitest';

import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { type Environment, getEnvironmentBySlug } from '@/lib/environments/queries';
import { NotFoundError } from '@/lib/errors';
import { describeEachDatabase } from '@/lib/testing/databases';

import { createWriteKey } from './create-write-key';
import { findEnvironmentForWriteKey, listWriteKeys } from './queries';
import { revokeWriteKey } from './revoke-write-key';

describeEachDatabase('write keys', (database) => {
  let production: Environment;
  let development: Environment;
  beforeAll(async () => {
    await ensureBuiltInEnvironments(database().db);
    production = await getEnvironmentBySlug(database().db, 'production');
    development = await getEnvironmentBySlug(database().db, 'development');
  });

  it('are shown once on creation; lists carry only the prefix', async () => {
    const { key, writeKey } = await createWriteKey(database().db, {
      environmentId: production.id,
      createdBy: null,
      input: { name: 'Backend' },
    });
    expect(key).toMatch(/^sbk_[A-Za-z0-9_-]{43}$/);
    expect(writeKey.prefix).toBe(key.slice(0, 12));
    const listed = await listWriteKeys(database().db, production.id);
    expect(listed.map((k) => k.name)).toContain('Backend');
    const serialized = JSON.stringify(listed);
    expect(serialized).not.toContain(key);
    expect(serialized).not.toMatch(/hash/i);
  });

  it('authenticate ingestion for their own environment until revoked', async () => {
    const { key, writeKey } = await createWriteKey(database().db, {
      environmentId: development.id,
      createdBy: null,
      input: { name: 'Staging app' },
    });
    expect(await findEnvironmentForWriteKey(database().db, key)).toMatchObject({
      environmentId: development.id,
      environmentSlug: 'development',
    });
    expect(await findEnvironmentForWriteKey(database().db, `${key}x`)).toBeUndefined();

    // Revoking through another environment is not possible.
    await expect(revokeWriteKey(database().db, { environmentId: production.id, id: writeKey.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await revokeWriteKey(database().db, { environmentId: development.id, id: writeKey.id });
    await revokeWriteKey(database().db, { environmentId: development.id, id: writeKey.id });
    expect(await findEnvironmentForWriteKey(database().db, key)).toBeUndefined();
    const [listed] = (await listWriteKeys(database().db, development.id)).filter((k) => k.id === writeKey.id);
    expect(listed?.revokedAt).toBeInstanceOf(Date);
  });

  it('answer not found for an id that is not a key', async () => {
    await expect(revokeWriteKey(database().db, { environmentId: production.id, id: 'not-a-uuid' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      revokeWriteKey(database().db, { environmentId: production.id, id: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // As long as a uuid, but none: not found, rather than the database's failed cast.
    await expect(revokeWriteKey(database().db, { environmentId: production.id, id: '-'.repeat(36) })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
