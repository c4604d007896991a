import { randomUUID } from 'node:crypto';

import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';

import { wrapWriter } from '@/lib/db/client';
import { events } from '@/lib/db/schema';
import { ensureBuiltInEnvironments } from '@/lib/environments/ensure-built-in';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import type { TargetEnvironment } from '@/lib/ingest/write-events';
import { describeEachDatabase } from '@/lib/testing/databases';

import { GroupCommitWriter } from './group-commit';

const event = (over: Partial<IngestEvent>): IngestEvent => ({
  messageId: randomUUID(),
  name: 'frontegg.user.authenticated',
  accountId: null,
  userId: 'u1',
  anonymousId: null,
  timestamp: new Date(),
  properties: {},
  ...over,
});

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describeEachDatabase('the group commit writer with two flushes in flight', (database) => {
  let env: TargetEnvironment;
  let otherEnv: TargetEnvironment;
  beforeAll(async () => {
    await ensureBuiltInEnvironments(database().db);
    env = { id: (await getEnvironmentBySlug(database().db, 'production')).id, timeZone: 'UTC' };
    otherEnv = { id: (await getEnvironmentBySlug(database().db, 'development')).id, timeZone: 'UTC' };
  });
  // As the app runs it: on Postgres, one connection of its own, where flushes are pipelined.
  const writerDb = async () => wrapWriter(database().connection);

  const accountOf = async (messageId: string) => {
    const [row] = await database()
      .db.select({ accountId: events.accountId })
      .from(events)
      .where(and(eq(events.environmentId, env.id), eq(events.messageId, messageId)));
    return row?.accountId;
  };

  it('commits every request, each in its own flush or shared', async () => {
    const writer = new GroupCommitWriter(writerDb, { writers: 2, anotherWriterAt: 1 });
    const ids = Array.from({ length: 60 }, () => randomUUID());
    const writes: Promise<void>[] = [];
    for (const [i, id] of ids.entries()) {
      writes.push(writer.write(env, [event({ messageId: id, accountId: `acct-${i % 7}`, userId: `user-${i % 13}` })]));
      if (i % 5 === 0) await nextTurn();
    }
    await Promise.all(writes);
    for (const id of ids) expect(await accountOf(id)).toMatch(/^acct-/);
  });

  it("gives a track that names no account the account of the user's group call in the flush before, still in flight", async () => {
    const writer = new GroupCommitWriter(writerDb, { writers: 2, anotherWriterAt: 1 });
    const user = `user-${randomUUID()}`;
    const group = writer.write(env, [event({ name: 'group', userId: user, accountId: 'acct-grouped' })]);
    await nextTurn(); // the group call's flush is taken and sent
    const trackId = randomUUID();
    const track = writer.write(env, [event({ messageId: trackId, userId: user, accountId: null })]);
    await Promise.all([group, track]);
    expect(await accountOf(trackId)).toBe('acct-grouped');
  });

  it('writes a flush of two environments (a transaction) taken while the flush before it fails and retries its requests one by one', async () => {
    const writer = new GroupCommitWriter(writerDb, { writers: 2, anotherWriterAt: 1 });
    const goodId = randomUUID();
    // Postgres refuses \u0000 in jsonb: the shared flush fails, and each request is written alone.
    const good = writer.write(env, [event({ messageId: goodId, accountId: 'acct-good' })]);
    const bad = expect(writer.write(env, [event({ accountId: 'acct-bad', properties: { note: 'a\u0000b' } })])).rejects.toThrow();
    await nextTurn(); // that flush is taken and sent
    const [hereId, thereId] = [randomUUID(), randomUUID()];
    const both = Promise.all([
      writer.write(env, [event({ messageId: hereId, accountId: 'acct-here' })]),
      writer.write(otherEnv, [event({ messageId: thereId, accountId: 'acct-there' })]),
    ]);
    await Promise.all([good, bad, both]);
    expect(await accountOf(goodId)).toBe('acct-good');
    expect(await accountOf(hereId)).toBe('acct-here');
  });
});
