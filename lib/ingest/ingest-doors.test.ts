import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { connectionRefused } from '@/lib/testing/failures';

import { GroupCommitWriter } from './group-commit';
import { IngestHandler } from './handle-ingest';
import { createIngestOnlyServer } from './ingest-only-server';
import { ingestRoute } from './next-route';
import { RateLimiter } from './rate-limiter';
import { WriteKeyAuthenticator } from './write-key-auth';

// What SDKs are told while the database cannot be reached or the write queue is full, from each
// ingest door: the node:http fast path (server.ts, INGEST_PORT) and the Next route handlers. The
// database and the queue are stubbed; database-outage.test.ts takes a real Postgres away.

describe('each ingest door, while the database cannot be reached or the queue is full', () => {
  const unreachable = async () => {
    throw connectionRefused();
  };
  const known = { authenticate: async () => ({ writeKeyId: 'k', environmentId: 1, timeZone: 'UTC' }) };
  const handlers = {
    outage: new IngestHandler({
      auth: new WriteKeyAuthenticator(unreachable),
      limiter: new RateLimiter(0),
      writer: new GroupCommitWriter(unreachable),
    }),
    fullQueue: new IngestHandler({
      auth: known as unknown as WriteKeyAuthenticator,
      limiter: new RateLimiter(0),
      writer: new GroupCommitWriter(unreachable, { maxQueuedEvents: 0 }),
    }),
  };
  const outage = {
    status: 503,
    retryAfter: '5',
    body: {
      error: { code: 'unavailable', message: 'The database cannot be reached right now. Nothing was written; retry shortly.' },
    },
  };
  const busy = {
    status: 503,
    retryAfter: '1',
    body: { error: { code: 'overloaded', message: 'The server is busy writing other events. Retry shortly.' } },
  };
  const init = {
    method: 'POST',
    headers: { authorization: 'Bearer wk_test' },
    body: JSON.stringify({ userId: 'u', event: 'e' }),
  };
  const answered = async (response: Response) => ({
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as unknown,
    cors: response.headers.get('access-control-allow-origin'),
  });
  afterEach(() => vi.restoreAllMocks());

  it('answers alike on the node:http fast path and through Next', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const [which, expected] of [
      ['outage', outage],
      ['fullQueue', busy],
    ] as const) {
      const handler = handlers[which];
      const server = createIngestOnlyServer(() => handler);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const fast = await answered(await fetch(`http://127.0.0.1:${port}/v1/track`, init));
        const viaNext = await answered(
          await ingestRoute('track', () => handler).POST(new Request('http://localhost/api/v1/track', init)),
        );
        for (const answer of [fast, viaNext]) expect(answer, which).toEqual({ ...expected, cors: '*' });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });

  it('answers a body the process has no room for as a full queue', async () => {
    const answer = await handlers.fullQueue.handle({ route: 'track', authorization: undefined, body: { busy: true } });
    expect(answer).toEqual({ status: 503, headers: { 'retry-after': '1' }, body: busy.body });
  });
});
