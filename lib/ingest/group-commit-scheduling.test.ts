import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { Db } from '@/lib/db/client';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { writeEvents } from '@/lib/ingest/write-events';

import { GroupCommitWriter } from './group-commit';

// When flushes start and what they hold, with the database write replaced by one that takes a
// few milliseconds and records what it was given (group-commit.test.ts writes for real).
vi.mock('@/lib/ingest/write-events', () => ({ writeEvents: vi.fn() }));

const env = { id: 1, timeZone: 'UTC' };
const events = (n: number): IngestEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    messageId: `m-${i}`,
    name: 'frontegg.user.authenticated',
    accountId: 'acct',
    userId: `u-${i}`,
    anonymousId: null,
    timestamp: new Date(),
    properties: {},
  }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

let flushes: number[];
let inFlight: number;
let mostInFlight: number;
beforeEach(() => {
  flushes = [];
  inFlight = 0;
  mostInFlight = 0;
  vi.mocked(writeEvents).mockImplementation(async (_db, _env, written) => {
    flushes.push(written.length);
    mostInFlight = Math.max(mostInFlight, ++inFlight);
    await sleep(10);
    inFlight--;
    return written.length;
  });
});

const writerOf = (options: ConstructorParameters<typeof GroupCommitWriter>[1]) =>
  new GroupCommitWriter(async () => ({}) as Db, options);

describe('the group commit writer: when flushes start', () => {
  it('keeps single events in one flush at a time, so they share bigger flushes', async () => {
    const writer = writerOf({ writers: 2 });
    const writes = [writer.write(env, events(1))];
    await nextTurn(); // the first flush is in the database
    for (let i = 0; i < 49; i++) writes.push(writer.write(env, events(1)));
    await Promise.all(writes);
    expect(mostInFlight).toBe(1);
    expect(flushes).toEqual([1, 49]);
  });

  it('starts a second flush beside the first once enough events wait (batches)', async () => {
    const writer = writerOf({ writers: 2 });
    const writes = [writer.write(env, events(100))];
    await nextTurn();
    for (let i = 0; i < 3; i++) writes.push(writer.write(env, events(100)));
    await Promise.all(writes);
    expect(mostInFlight).toBe(2);
    expect(flushes.reduce((a, b) => a + b, 0)).toBe(400);
  });

  it('after a flush of several requests, waits a moment for more when few events wait', async () => {
    const writer = writerOf({ writers: 1, lingerMs: 30 });
    const first = Promise.all([writer.write(env, events(1)), writer.write(env, events(1))]);
    await nextTurn();
    const second = writer.write(env, events(1)); // waits for the first flush
    await first;
    await sleep(5); // arrives while the writer lingers
    const third = writer.write(env, events(1));
    await Promise.all([second, third]);
    expect(flushes).toEqual([2, 2]);
  });

  it('does not keep a lone client sending one request after another waiting', async () => {
    const writer = writerOf({ writers: 1, lingerMs: 5_000 });
    const started = Date.now();
    for (let i = 0; i < 3; i++) await writer.write(env, events(1));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(flushes).toEqual([1, 1, 1]);
  });
});
