import { randomUUID } from 'node:crypto';

import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';

import { connections } from '@/lib/db/schema';
import { createConnection } from '@/lib/delivery/connections/create-connection';
import { updateConnection } from '@/lib/delivery/connections/update-connection';
import { createEnvironment } from '@/lib/environments/create-environment';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { errorResponse } from '@/lib/http/error-response';
import { describeEachDatabase } from '@/lib/testing/databases';

import { requireReceiverToken } from './changes-auth';
import { attachConnection, createCohort } from './cohort-store';
import { createCohortInput } from './schemas';

describeEachDatabase('the cohort changes API’s receiver tokens', (database) => {
  const db = () => database().db;
  let environmentId: number;
  let cohortId: string;
  let connectionId: string;
  let secret: string;

  /** What GET /api/v1/cohorts/{id}/changes answers for `Authorization: Bearer <token>` before listing. */
  const answer = async (token: string) => {
    try {
      await requireReceiverToken(db(), cohortId, token);
      return { status: 200, body: null };
    } catch (error) {
      const response = errorResponse(error);
      return { status: response.status, body: (await response.json()) as unknown };
    }
  };

  beforeAll(async () => {
    await ensureBuiltInEnvironments(db());
    environmentId = (await createEnvironment(db(), { name: `Receivers ${randomUUID().slice(0, 6)}` })).id;
    const hook = await createConnection(db(), environmentId, {
      kind: 'webhook',
      name: 'Receiver',
      url: 'https://hooks.example.com/cohorts',
      eventKeys: ['never.sent'],
      headers: [],
      enabled: true,
    });
    connectionId = hook.connection.id;
    secret = hook.secret ?? '';
    const cohort = await createCohort(
      db(),
      environmentId,
      createCohortInput.parse({
        name: 'Seen today',
        filter: {
          version: 1,
          entity: 'users',
          root: { type: 'group', op: 'and', conditions: [{ type: 'seen', which: 'last', op: 'today' }] },
        },
      }),
    );
    cohortId = cohort.id;
    await attachConnection(db(), environmentId, cohortId, connectionId);
  });

  it('refuses the secret of a turned-off connection exactly as an unknown secret', async () => {
    expect(await answer(secret)).toEqual({ status: 200, body: null });
    const unknown = await answer(`whsec_${Buffer.from(randomUUID()).toString('base64')}`);
    expect(unknown.status).toBe(401);

    // Turned off by an admin.
    await updateConnection(db(), environmentId, connectionId, { enabled: false });
    expect(await answer(secret)).toEqual(unknown);

    // Turned off by the product (410, five days of failures), as recordAttempt does it.
    await updateConnection(db(), environmentId, connectionId, { enabled: true });
    expect(await answer(secret)).toEqual({ status: 200, body: null });
    await db()
      .update(connections)
      .set({ enabled: false, disabledReason: 'the receiver answered 410 Gone', disabledAt: sql`now()` })
      .where(eq(connections.id, connectionId));
    expect(await answer(secret)).toEqual(unknown);

    // Turned back on, it opens the API again.
    await updateConnection(db(), environmentId, connectionId, { enabled: true });
    expect(await answer(secret)).toEqual({ status: 200, body: null });
  });
});
