import fs from 'node:fs';
import { createServer, type IncomingMessage, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { type Page, test } from '@playwright/test';

import { appApi, unique } from './helpers';

// What the attacker specs (security*.spec.ts) use to try what a browser would not send.

export const baseURL = () => String(test.info().project.use.baseURL);

/** A raw request, for what Playwright's request context cannot send: chunked bodies, a chosen source address. */
export function raw(options: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | { chunk: Buffer; times: number };
  localAddress?: string;
}): Promise<{ status: number; headers: IncomingMessage['headers']; body: string; sentBytes: number }> {
  const url = new URL(options.path, baseURL());
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    // Fail, not hang, if the server never answers.
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`${options.method} ${options.path}: no answer within 30 s (${sentBytes} bytes sent)`));
    }, 30_000);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method,
        headers: options.headers,
        localAddress: options.localAddress,
        // A connection of its own: a kept-alive one may be closed by the server as it is reused.
        agent: false,
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sentBytes });
        });
        res.on('error', reject);
      },
    );
    let answered = false;
    req.on('response', () => (answered = true));
    // Once the answer is in, a reset of the rest of the upload is the server closing on it, as it should.
    req.on('error', (error) => {
      if (answered) return;
      clearTimeout(timer);
      reject(new Error(`${options.method} ${options.path}: ${error.message} after ${sentBytes} bytes, before any answer`));
    });
    const { body } = options;
    if (typeof body === 'string' || body === undefined) {
      req.end(body);
      return;
    }
    // Streamed as fast as the server reads it, stopping once the server has answered.
    let left = body.times;
    const pump = () => {
      while (left > 0 && !answered && !req.destroyed) {
        left--;
        sentBytes += body.chunk.length;
        if (!req.write(body.chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && !req.destroyed) req.end();
    };
    pump();
  });
}

/** The session cookie of a page, for replaying it as an attacker who copied it would. */
export async function sessionCookie(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith('next-auth.session-token'));
  if (!session) throw new Error('no session cookie');
  return `${session.name}=${session.value}`;
}

/** A page on another origin of the same host (another port): same-site, not same-origin. */
export async function startForeignSite(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A receiver on loopback (which the e2e server may reach) that keeps what it is sent. */
export async function startReceiver(): Promise<{ url: string; port: number; bodies: string[]; close(): Promise<void> }> {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function writeKey(page: Page): Promise<string> {
  const created = await appApi(page).post('/api/v1/environments/production/write-keys', { data: { name: unique('security') } });
  return ((await created.json()) as { key: string }).key;
}

export function serverMemoryMb(): number | null {
  const pidFile = path.resolve('.data-e2e', `${test.info().project.name}.pid`);
  if (!fs.existsSync(pidFile)) return null;
  const status = fs.readFileSync(`/proc/${fs.readFileSync(pidFile, 'utf8').trim()}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Number.isFinite(kb) ? kb / 1024 : null;
}
