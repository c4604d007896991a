import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

// Request bodies are read as streams and given up past a limit, whoever sends them. Two more
// bounds make the limits hold in total, not only per request: the bytes of unfinished bodies a
// process holds at once (BodyBudget), and how long the rest of an upload is read after the answer
// (a "lingering close": a client still sending when its connection is cut gets a reset, often
// before it has read the 413, so the rest is read and dropped for a little while first).

export type ReadBody = string | { tooLarge: true } | { busy: true };

// Dropping costs no memory and little time; a client sending at loopback speed pushes 8 MB before
// its event loop has read the answer, so the allowance is generous.
const LINGER_BYTES = 64 * 1024 * 1024;
const LINGER_MS = 5_000;

/** Bytes of request bodies being read at once in this process, across requests. */
export class BodyBudget {
  private used = 0;
  constructor(readonly capacity: number) {}

  take(bytes: number): boolean {
    if (this.used + bytes > this.capacity) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }
}

type EndableSocket = Socket & { destroySoon?: () => void; [ORIGINAL_DESTROY_SOON]?: () => void };
const ORIGINAL_DESTROY_SOON = Symbol('destroySoon');

// Every door that may answer before the end of a body asks for this (server.ts's guard, the ingest
// fast path, readNodeBody): a request is set up once, however many ask.
const lingering = new WeakSet<IncomingMessage>();

/**
 * Once the request has been answered, what the client still sends is read and dropped for up to
 * 5 s (64 MB); then the connection is cut. A request already read in full is left alone.
 *
 * Node ends a connection that carries no further request (the client asked to close it) right
 * after the answer, and destroys it as soon as the answer is written (socket.destroySoon): with
 * the client still sending, that is a reset, which can reach the client before it has read the
 * answer. So such a socket is only half-closed after the answer, and cut when the lingering ends.
 */
export function cutAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (lingering.has(req)) return;
  lingering.add(req);
  const socket = req.socket as EndableSocket;
  let ended = false;
  const original = (socket[ORIGINAL_DESTROY_SOON] ??= socket.destroySoon);
  if (original) {
    socket.destroySoon = () => {
      if (req.complete) return original.call(socket);
      ended = true;
      socket.end();
    };
  }
  const cut = () => {
    if (ended || !req.complete) socket.destroy();
  };
  res.once('finish', () => {
    if (req.complete) return;
    let dropped = 0;
    const timer = setTimeout(cut, LINGER_MS);
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) cut();
    });
    req.once('end', cut);
    req.once('close', () => clearTimeout(timer));
    req.resume();
  });
}

/**
 * Reads a Node request body, stopping (without buffering the rest) once it passes `limit` bytes,
 * or once the process's `budget` for bodies in flight is spent. The budget's share is held until
 * the response is over.
 */
export function readNodeBody(req: IncomingMessage, res: ServerResponse, limit: number, budget?: BodyBudget): Promise<ReadBody> {
  cutAfterAnswer(req, res);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ tooLarge: true });
  let held = 0;
  res.once('close', () => budget?.give(held));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (result: ReadBody) => {
      req.removeListener('data', onData);
      req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stop({ tooLarge: true });
      if (budget) {
        if (!budget.take(chunk.length)) return stop({ busy: true });
        held += chunk.length;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function lingerThenCancel(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const cut = setTimeout(() => void reader.cancel().catch(() => {}), LINGER_MS);
  try {
    for (let dropped = 0; dropped < LINGER_BYTES;) {
      const { done, value } = await reader.read();
      if (done) return;
      dropped += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // Cancelled by the timer, or the client went away: either way it is over.
  } finally {
    clearTimeout(cut);
  }
}

/** The same for a Web Request (Next route handlers). */
export async function readWebBody(request: Request, limit: number): Promise<string | { tooLarge: true }> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return { tooLarge: true };
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void lingerThenCancel(reader);
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
