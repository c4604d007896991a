import { beforeAll, expect, it } from 'vitest';

import { ConfigError } from '@/lib/env';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { describeEachDatabase } from '@/lib/testing/databases';

import { provisionWriteKeys } from './provision-write-keys';
import { findEnvironmentForWriteKey, listWriteKeys } from './queries';
import { revokeWriteKey } from './revoke-write-key';

const PROD_KEY = 'prod_provisioned_key_0123456789';
const DEV_KEY = 'dev_provisioned_key_0123456789';

describeEachDatabase('INIT_WRITE_KEYS', (database) => {
  beforeAll(async () => {
    await ensureBuiltInEnvironments(database().db);
  });

  it('creates the keys once, however often the app starts', async () => {
    const pairs = [
      { environment: 'production', key: PROD_KEY },
      { environment: 'development', key: DEV_KEY },
    ];
    expect(await provisionWriteKeys(database().db, pairs)).toBe(2);
    expect(await provisionWriteKeys(database().db, pairs)).toBe(0);
    expect(await findEnvironmentForWriteKey(database().db, PROD_KEY)).toMatchObject({ environmentSlug: 'production' });
    expect(await findEnvironmentForWriteKey(database().db, DEV_KEY)).toMatchObject({ environmentSlug: 'development' });
    const production = await getEnvironmentBySlug(database().db, 'production');
    const listed = await listWriteKeys(database().db, production.id);
    expect(listed.map((k) => [k.name, k.prefix])).toEqual([['Provisioned (INIT_WRITE_KEYS)', PROD_KEY.slice(0, 12)]]);
  });

  it('does not revive a key that was revoked', async () => {
    const production = await getEnvironmentBySlug(database().db, 'production');
    const [key] = await listWriteKeys(database().db, production.id);
    await revokeWriteKey(database().db, { environmentId: production.id, id: key?.id ?? '' });
    expect(await provisionWriteKeys(database().db, [{ environment: 'production', key: PROD_KEY }])).toBe(0);
    expect(await findEnvironmentForWriteKey(database().db, PROD_KEY)).toBeUndefined();
  });

  it('stops start-up on an unknown environment or a key that belongs to another one', async () => {
    await expect(
      provisionWriteKeys(database().db, [{ environment: 'staging', key: 'staging_key_0123456789abc' }]),
    ).rejects.toThrow(/INIT_WRITE_KEYS: there is no environment "staging"/);
    await expect(provisionWriteKeys(database().db, [{ environment: 'production', key: DEV_KEY }])).rejects.toBeInstanceOf(
      ConfigError,
    );
  });
});
