import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BodyBudget, cutAfterAnswer, readNodeBody } from './read-body';

// A server that reads bodies as ingestion does, with a budget of 64 KB for all of them at once.
describe('bodies read in total, not only one by one', () => {
  const budget = new BodyBudget(64 * 1024);
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      void readNodeBody(req, res, 48 * 1024, budget).then(
        (body) => {
          res
            .writeHead(typeof body === 'string' ? 200 : 'busy' in body ? 503 : 413)
            .end(typeof body === 'string' ? String(body.length) : '');
        },
        // The client hung up: nobody is left to answer.
        () => res.destroy(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Starts a body of `bytes` and, unless `finish`, never ends it. */
  const upload = (bytes: number, finish: boolean) =>
    new Promise<{ status: number; abort(): void }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, abort: () => req.destroy() });
      });
      req.on('error', () => {});
      req.write(Buffer.alloc(bytes, 'a'));
      if (finish) req.end();
      else setTimeout(() => resolve({ status: 0, abort: () => req.destroy() }), 200);
      req.on('error', reject);
    });

  it('answers 503 once unfinished bodies hold the budget, and serves again when they are gone', async () => {
    const slow = [await upload(30 * 1024, false), await upload(30 * 1024, false)];
    expect(slow.map((s) => s.status)).toEqual([0, 0]);
    expect((await upload(10 * 1024, true)).status).toBe(503);
    for (const s of slow) s.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(budget.inUse).toBe(0);
    expect((await upload(10 * 1024, true)).status).toBe(200);
  });

  it('answers 413 past the limit of one body', async () => {
    expect((await upload(50 * 1024, true)).status).toBe(413);
  });
});

// A client that asked for its connection to be closed, and keeps uploading: Node would destroy the
// socket as soon as the 413 is written, and the reset can beat the client to its answer.
describe('an answer before the end of an upload', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      void readNodeBody(req, res, 16 * 1024).then(
        (body) => res.writeHead(typeof body === 'string' ? 200 : 413, { connection: 'close' }).end('{"error":"too large"}'),
        () => res.destroy(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Uploads without end; once answered, goes on for `after` ms, then finishes. */
  const endless = (after: number) =>
    new Promise<string>((resolve) => {
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let status = 0;
      let stopAt = Infinity;
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', agent: false, headers: { 'transfer-encoding': 'chunked' } },
        (res) => {
          status = res.statusCode ?? 0;
          stopAt = Date.now() + after;
          res.resume();
        },
      );
      req.on('error', (error) => resolve(`${error.message} ${status ? 'after' : 'before'} the answer`));
      req.on('close', () => resolve(String(status)));
      const pump = () => {
        while (Date.now() < stopAt && !req.destroyed) if (!req.write(chunk)) return void req.once('drain', pump);
        if (!req.destroyed) {
          if (Date.now() < stopAt) setImmediate(pump);
          else req.end();
        }
      };
      pump();
    });

  it('is read by the client: the connection is half-closed and what follows dropped, not reset at once', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, () => endless(300)));
    expect(answers).toEqual(['413', '413', '413', '413']);
  });
});

describe('lingering set up once a request', () => {
  it('adds one listener however many doors ask for it (server.ts guard, fast path, readNodeBody)', async () => {
    const counts: number[] = [];
    const server = createServer((req, res) => {
      const before = res.listenerCount('finish');
      cutAfterAnswer(req, res);
      counts.push(res.listenerCount('finish') - before);
      cutAfterAnswer(req, res);
      void readNodeBody(req, res, 1024).then(() => {
        counts.push(res.listenerCount('finish') - before);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end('{}');
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(counts).toEqual([1, 1]);
  });
});
